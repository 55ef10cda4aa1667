package dev.remotestore.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.StringWriter;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The snippets of docs/jpa.md work as pasted, by the convention of the project's docs (core-tests'
 * DocSnippetsTest): every Java block compiles on its own — a whole compilation unit, or import lines followed by
 * statements that compile as a method body — against this module and core, without Hibernate on the class path
 * (as a reader with another provider, or core-tests, would compile it); every XML block is well-formed.
 */
class DocsSnippetsTest {
    private static final Path PAGE = Path.of("..", "docs", "jpa.md");
    private static final Pattern BLOCK = Pattern.compile("(?ms)^```(java|xml)\\n(.*?)^```");
    private static final Pattern TYPE = Pattern.compile(
            "(?m)^(?:@\\w+(?:\\(.*\\))?\\s*)*(?:public\\s+)?(?:final\\s+|abstract\\s+)*(?:class|record|interface|enum)\\s+(\\w+)");

    @Test
    @DisplayName("every Java block of docs/jpa.md compiles on its own, as pasted")
    void javaBlocksCompile(@TempDir Path out) throws Exception {
        List<String> blocks = blocks("java");
        assertThat(blocks).hasSizeGreaterThanOrEqualTo(7);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringBuilder failures = new StringBuilder();
        int n = 0;
        for (String block : blocks) {
            n++;
            Matcher type = TYPE.matcher(block);
            JavaFileObject unit = type.find()
                    ? source(publicType(block, type.group(1)), block)
                    : source("Snippet" + n, wrapped("Snippet" + n, block));
            Path classes = Files.createDirectories(out.resolve("block" + n));
            StringWriter errors = new StringWriter();
            boolean ok = javac.getTask(
                            errors,
                            null,
                            null,
                            List.of("-d", classes.toString(), "-classpath", classPath(), "-proc:none", "-Xlint:none"),
                            null,
                            List.of(unit))
                    .call();
            if (!ok) {
                failures.append("block ").append(n).append(":\n").append(errors).append('\n');
            }
        }
        assertThat(failures.toString())
                .as("javac on the Java blocks of docs/jpa.md")
                .isEmpty();
    }

    /** The public top-level type of a compilation unit (its file name), else the first one. */
    private static String publicType(String block, String first) {
        Matcher m = Pattern.compile(
                        "(?m)^public\\s+(?:final\\s+|abstract\\s+)*(?:class|record|interface|enum)\\s+(\\w+)")
                .matcher(block);
        return m.find() ? m.group(1) : first;
    }

    @Test
    @DisplayName("every XML block of docs/jpa.md is well-formed")
    void xmlBlocksParse() throws Exception {
        List<String> xml = blocks("xml");
        assertThat(xml).hasSizeGreaterThanOrEqualTo(3);
        for (String block : xml) {
            DocumentBuilderFactory.newInstance()
                    .newDocumentBuilder()
                    .parse(new ByteArrayInputStream(block.getBytes(StandardCharsets.UTF_8)));
        }
    }

    private static List<String> blocks(String language) throws Exception {
        Matcher m = BLOCK.matcher(Files.readString(PAGE));
        List<String> blocks = new ArrayList<>();
        while (m.find()) {
            if (m.group(1).equals(language)) {
                blocks.add(m.group(2));
            }
        }
        return blocks;
    }

    /** Import lines stay on top; the statements become the body of a method. */
    private static String wrapped(String name, String block) {
        StringBuilder imports = new StringBuilder();
        StringBuilder body = new StringBuilder();
        for (String line : block.split("\n")) {
            (line.startsWith("import ") ? imports : body).append(line).append('\n');
        }
        return imports + "class " + name + " {\n void run() throws Exception {\n" + body + "}\n}\n";
    }

    private static JavaFileObject source(String name, String code) {
        return new SimpleJavaFileObject(URI.create("string:///" + name + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return code;
            }
        };
    }

    /** The test class path without Hibernate's jars, including what a manifest-only surefire jar points to. */
    private static String classPath() {
        Set<String> entries = new LinkedHashSet<>(
                List.of(System.getProperty("java.class.path").split(File.pathSeparator)));
        if (DocsSnippetsTest.class.getClassLoader() instanceof URLClassLoader loader) {
            for (URL url : loader.getURLs()) {
                entries.add(Path.of(URI.create(url.toString())).toString());
            }
        }
        entries.removeIf(entry -> Path.of(entry).getFileName().toString().startsWith("hibernate-"));
        return String.join(File.pathSeparator, entries);
    }
}
