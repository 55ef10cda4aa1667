package dev.remotestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * Every {@code ```java} block of {@code README.md} and {@code docs/**}{@code /*.md} compiles as pasted (issue 11,
 * point 9), against this module's test class path, which holds core, the testkit and every optional library. One
 * dynamic test per block, named by file and line; a failure lists the compiler's errors at their lines in the
 * Markdown file.
 *
 * <p><b>The one convention blocks follow.</b>
 *
 * <ul>
 *   <li>A block that declares a top-level type (a line that starts, at column 0 and after annotations and
 *       modifiers, with {@code class}, {@code interface}, {@code enum} or {@code record}) is a whole compilation
 *       unit: its imports, then its types, as they would stand in a {@code .java} file.
 *   <li>Any other block is import lines followed by statements. It compiles as the body of a method
 *       {@code void snippet() throws Exception} in a class that has the block's imports and nothing else, so the
 *       block imports every type and declares every variable it uses: a reader who pastes it into a method of
 *       their own needs nothing that is not in the block. A statement that only shows a value
 *       ({@code store.resolve(key);  // kind=…}) is a valid expression statement.
 *   <li>A block fenced as {@code ```java no-compile} is not compiled: an illustration that cannot stand alone.
 *       Use it sparingly, and never to hide an error; any other word after {@code java} fails the test.
 * </ul>
 *
 * <p>The blocks are compiled with {@code --release 17 -proc:none}; warnings do not fail them. The docs' {@code
 * ```xml} blocks are checked too: every dependency in them has a version or is managed by {@code
 * remote-store-bom}, or, for {@code io.quarkus} artifacts, by a Quarkus platform BOM the same block imports.
 */
class DocSnippetsTest {
    /** The documentation, relative to this module's directory (where surefire runs). */
    private static final Path PROJECT = Path.of("..");

    private static final String NO_COMPILE = "no-compile";
    private static final String STATEMENTS_CLASS = "DocSnippet";
    private static final Pattern FENCE = Pattern.compile("^( {0,3})```java(?:[ \\t]+(.*?))?[ \\t]*$");
    private static final Pattern TYPE_DECLARATION = Pattern.compile("^(?:@[\\w.]+(?:\\([^)]*\\))?\\s+)*"
            + "((?:(?:public|protected|private|abstract|final|sealed|non-sealed|static|strictfp)\\s+)*)"
            + "(?:class|interface|enum|record|@interface)\\s+([A-Za-z_$][\\w$]*)");
    private static final Pattern IMPORT = Pattern.compile("import\\s+(static\\s+)?[\\w.]+(\\.\\*)?\\s*;\\s*(//.*)?");

    private static JavaCompiler compiler;
    private static StandardJavaFileManager files;

    @BeforeAll
    static void openCompiler() {
        compiler = ToolProvider.getSystemJavaCompiler();
        assertThat(compiler).as("a JDK's compiler (javax.tools)").isNotNull();
        files = compiler.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
    }

    @AfterAll
    static void closeCompiler() throws IOException {
        files.close();
    }

    /** README.md and every Markdown file below docs/. */
    private static List<Path> documents() throws IOException {
        List<Path> documents = new ArrayList<>();
        documents.add(PROJECT.resolve("README.md"));
        try (Stream<Path> docs = Files.walk(PROJECT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        return documents;
    }

    @TestFactory
    Stream<DynamicTest> everyJavaBlockOfTheDocsCompiles() throws IOException {
        List<Block> blocks = new ArrayList<>();
        for (Path document : documents()) {
            String name = PROJECT.relativize(document).toString().replace('\\', '/');
            blocks.addAll(blocks(name, Files.readString(document)));
        }
        assertThat(blocks)
                .as("java blocks in README.md and docs/")
                .hasSizeGreaterThan(10)
                .anyMatch(b -> b.file().equals("README.md"));
        return blocks.stream()
                .filter(b -> !b.noCompile())
                .map(b -> DynamicTest.dynamicTest(b.file() + ":" + b.firstLine(), () -> {
                    String errors = compile(b);
                    if (!errors.isEmpty()) {
                        fail("the java block at " + b.file() + ":" + b.firstLine() + " does not compile as pasted:\n"
                                + errors);
                    }
                }));
    }

    @Test
    @DisplayName("every dependency in the docs' xml blocks has a version or is one that remote-store-bom (or an"
            + " imported Quarkus BOM) manages")
    void everyDocumentedDependencyHasAVersion() throws Exception {
        Set<String> managed = new TreeSet<>();
        Document bom = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(PROJECT.resolve("bom/pom.xml").toFile());
        NodeList bomDependencies = bom.getElementsByTagName("dependency");
        for (int i = 0; i < bomDependencies.getLength(); i++) {
            managed.add(coordinates((Element) bomDependencies.item(i)));
        }
        List<String> checked = new ArrayList<>();
        for (Path document : documents()) {
            String markdown = Files.readString(document);
            Matcher xml = Pattern.compile("(?ms)^```xml\\n(.*?)^```$").matcher(markdown);
            while (xml.find()) {
                Document snippet = DocumentBuilderFactory.newInstance()
                        .newDocumentBuilder()
                        .parse(new InputSource(new StringReader("<snippet>" + xml.group(1) + "</snippet>")));
                NodeList dependencies = snippet.getElementsByTagName("dependency");
                boolean quarkusBom = false;
                for (int i = 0; i < dependencies.getLength(); i++) {
                    Element d = (Element) dependencies.item(i);
                    quarkusBom |= coordinates(d).endsWith(":quarkus-bom")
                            && d.getElementsByTagName("version").getLength() == 1;
                }
                for (int i = 0; i < dependencies.getLength(); i++) {
                    Element d = (Element) dependencies.item(i);
                    String coordinates = coordinates(d);
                    if (quarkusBom && coordinates.startsWith("io.quarkus:")) {
                        checked.add(coordinates); // the Quarkus platform BOM the block imports manages it
                        continue;
                    }
                    if (d.getElementsByTagName("version").getLength() == 0) {
                        assertThat(managed)
                                .as(
                                        "%s in %s has no version, so remote-store-bom must manage it",
                                        coordinates, document)
                                .contains(coordinates);
                    }
                    checked.add(coordinates);
                }
            }
        }
        assertThat(checked).contains("dev.remotestore:remote-store-bom", "dev.remotestore:remote-store-testkit");
    }

    private static String coordinates(Element dependency) {
        return dependency
                        .getElementsByTagName("groupId")
                        .item(0)
                        .getTextContent()
                        .strip() + ":"
                + dependency
                        .getElementsByTagName("artifactId")
                        .item(0)
                        .getTextContent()
                        .strip();
    }

    // ---- the checker checked ---------------------------------------------------------------------------------

    @Test
    @DisplayName("a block that lacks an import fails with its file, the Markdown line and the compiler's message")
    void missingImportIsReportedAtItsMarkdownLine() {
        String markdown = "# Title\n\ntext\n\n```java\nimport java.util.List;\n\nList<String> names = List.of();\n"
                + "Path p = Path.of(\"a\");\n```\n";
        List<Block> blocks = blocks("GUIDE.md", markdown);
        assertThat(blocks).singleElement().satisfies(b -> assertThat(b.firstLine())
                .isEqualTo(6));
        assertThat(compile(blocks.get(0)))
                .contains("GUIDE.md:9: ")
                .contains("cannot find symbol")
                .contains("Path p = Path.of(\"a\");");
    }

    @Test
    @DisplayName("statements compile as a method body; a block declaring a type compiles as a compilation unit")
    void bothKindsOfBlockCompile() {
        String markdown = "```java\nimport java.nio.file.Path;\n// a comment\nPath p = Path.of(\"x\");\n"
                + "p.getFileName();\n```\n\n```java\nimport java.util.function.Supplier;\n\n@FunctionalInterface\n"
                + "public interface Source extends Supplier<String> {}\n\nclass Helper {}\n```\n";
        List<Block> blocks = blocks("GUIDE.md", markdown);
        assertThat(blocks).hasSize(2);
        assertThat(compile(blocks.get(0))).isEmpty();
        assertThat(compile(blocks.get(1))).isEmpty();
    }

    @Test
    @DisplayName("a variable the block does not declare is an error: there are no hidden declarations")
    void undeclaredVariableFails() {
        List<Block> blocks = blocks("GUIDE.md", "```java\nstore.write(\"a\", bytes);\n```\n");
        assertThat(compile(blocks.get(0))).contains("GUIDE.md:2: ").contains("cannot find symbol");
    }

    @Test
    @DisplayName("```java no-compile blocks are skipped, other fences ignored, and an unknown marker is refused")
    void markers() {
        String markdown = "```java no-compile\nstore.write(…);\n```\n```xml\n<a/>\n```\n```java\nint x = 1;\n```\n";
        List<Block> blocks = blocks("GUIDE.md", markdown);
        assertThat(blocks).extracting(Block::noCompile).containsExactly(true, false);
        assertThat(blocks.get(1).firstLine()).isEqualTo(8);
        assertThatThrownBy(() -> blocks("GUIDE.md", "```java nocompile\nint x;\n```\n"))
                .hasMessageContaining("GUIDE.md:1")
                .hasMessageContaining("nocompile");
        assertThatThrownBy(() -> blocks("GUIDE.md", "```java\nint x;\n"))
                .hasMessageContaining("GUIDE.md:1")
                .hasMessageContaining("not closed");
    }

    // ---- extraction ------------------------------------------------------------------------------------------

    /**
     * A fenced java block.
     *
     * @param firstLine the Markdown line (1-based) of the block's first line of code
     * @param lines the block's lines, without the fences
     */
    record Block(String file, int firstLine, List<String> lines, boolean noCompile) {}

    /** The {@code ```java} blocks of one Markdown document, in order. */
    static List<Block> blocks(String file, String markdown) {
        List<String> lines = markdown.lines().collect(Collectors.toList());
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher fence = FENCE.matcher(line);
            if (fence.matches()) {
                String marker = fence.group(2);
                if (marker != null && !marker.equals(NO_COMPILE)) {
                    throw new IllegalArgumentException(file + ":" + (i + 1) + ": unknown marker \"" + marker
                            + "\" after ```java; the only one is " + NO_COMPILE);
                }
                int close = closingFence(lines, i);
                if (close < 0) {
                    throw new IllegalArgumentException(file + ":" + (i + 1) + ": the ```java block is not closed");
                }
                String indent = fence.group(1);
                List<String> code = lines.subList(i + 1, close).stream()
                        .map(l -> l.startsWith(indent) ? l.substring(indent.length()) : l.stripLeading())
                        .collect(Collectors.toList());
                blocks.add(new Block(file, i + 2, code, marker != null));
                i = close;
            } else if (line.stripLeading().startsWith("```")) {
                int close = closingFence(lines, i); // skip other languages' blocks, whatever they contain
                i = close < 0 ? lines.size() : close;
            }
        }
        return blocks;
    }

    private static int closingFence(List<String> lines, int open) {
        for (int j = open + 1; j < lines.size(); j++) {
            if (lines.get(j).strip().equals("```")) {
                return j;
            }
        }
        return -1;
    }

    // ---- compilation -----------------------------------------------------------------------------------------

    /**
     * Compiles a block following the convention of this class's Javadoc.
     *
     * @return the compiler's errors at their Markdown lines, or "" if it compiles
     */
    static String compile(Block block) {
        List<String> lines = block.lines();
        String unitName = null;
        for (String line : lines) {
            Matcher type = TYPE_DECLARATION.matcher(line);
            if (type.lookingAt()) {
                if (type.group(1).contains("public")) {
                    unitName = type.group(2);
                    break;
                }
                if (unitName == null) {
                    unitName = type.group(2);
                }
            }
        }
        String source;
        if (unitName != null) {
            source = String.join("\n", lines) + "\n";
        } else {
            unitName = STATEMENTS_CLASS;
            // the body starts at the first line that is no import, comment or blank line; the class header goes
            // in front of it on the same line, so that line numbers stay those of the block
            int body = 0;
            while (body < lines.size() && isPreamble(lines.get(body))) {
                body++;
            }
            List<String> wrapped = new ArrayList<>(lines);
            String header = "class " + STATEMENTS_CLASS + " { void snippet() throws Exception { ";
            if (body < wrapped.size()) {
                wrapped.set(body, header + wrapped.get(body));
            } else {
                wrapped.add(header);
            }
            source = String.join("\n", wrapped) + "\n}}\n";
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<String> options = List.of(
                "--release", "17", "-proc:none", "-implicit:none", "-classpath", System.getProperty("java.class.path"));
        Boolean ok = compiler.getTask(
                        null,
                        new DiscardingOutput(files),
                        diagnostics,
                        options,
                        null,
                        List.of(new Source(unitName, source)))
                .call();
        List<String> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() != Diagnostic.Kind.ERROR) {
                continue;
            }
            long line = d.getLineNumber();
            String at = line > 0 ? block.file() + ":" + (block.firstLine() + line - 1) : block.file();
            String code = line > 0 && line <= lines.size()
                    ? "\n    | " + lines.get((int) line - 1).strip()
                    : "";
            errors.add(at + ": " + d.getMessage(Locale.ROOT) + code);
        }
        if (!ok && errors.isEmpty()) {
            errors.add(block.file() + ":" + block.firstLine() + ": the compiler failed without an error message");
        }
        return String.join("\n", errors);
    }

    private static boolean isPreamble(String line) {
        String s = line.strip();
        return s.isEmpty() || s.startsWith("//") || IMPORT.matcher(s).matches();
    }

    /** A source file in memory, named so that a public type may stand in it. */
    private static final class Source extends SimpleJavaFileObject {
        private final String code;

        Source(String typeName, String code) {
            super(URI.create("string:///" + typeName + Kind.SOURCE.extension), Kind.SOURCE);
            this.code = code;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return code;
        }
    }

    /** Only whether the blocks compile matters: class files go nowhere. */
    private static final class DiscardingOutput extends ForwardingJavaFileManager<JavaFileManager> {
        DiscardingOutput(JavaFileManager delegate) {
            super(delegate);
        }

        @Override
        public JavaFileObject getJavaFileForOutput(
                Location location, String className, JavaFileObject.Kind kind, FileObject sibling) {
            return new SimpleJavaFileObject(
                    URI.create("discarded:///" + className.replace('.', '/') + kind.extension), kind) {
                @Override
                public OutputStream openOutputStream() {
                    return OutputStream.nullOutputStream();
                }
            };
        }
    }
}
