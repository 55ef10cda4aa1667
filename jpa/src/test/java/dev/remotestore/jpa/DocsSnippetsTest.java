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
 * The snippets of docs/jpa.md work as pasted: every Java block compiles — a whole compilation unit, or import
 * lines followed by statements that compile as a method body — together with the others of the page (against
 * this module, core and Hibernate); every XML block is well-formed.
 */
class DocsSnippetsTest {
    private static final Path PAGE = Path.of("..", "docs", "jpa.md");
    private static final Pattern BLOCK = Pattern.compile("(?ms)^```(java|xml)\\n(.*?)^```");
    private static final Pattern TYPE = Pattern.compile(
            "(?m)^(?:@\\w+(?:\\(.*\\))?\\s*)*(?:public\\s+)?(?:final\\s+|abstract\\s+)*(?:class|record|interface|enum)\\s+(\\w+)");

    @Test
    @DisplayName("every Java block of docs/jpa.md compiles as pasted")
    void javaBlocksCompile(@TempDir Path out) throws Exception {
        List<JavaFileObject> units = new ArrayList<>();
        int n = 0;
        for (String block : blocks("java")) {
            n++;
            Matcher type = TYPE.matcher(block);
            if (type.find()) {
                units.add(source(type.group(1), block));
            } else {
                units.add(source("Snippet" + n, wrapped("Snippet" + n, block)));
            }
        }
        assertThat(units).hasSizeGreaterThanOrEqualTo(8);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter errors = new StringWriter();
        boolean ok = javac.getTask(
                        errors,
                        null,
                        null,
                        List.of("-d", out.toString(), "-classpath", classPath(), "-proc:none", "-Xlint:none"),
                        null,
                        units)
                .call();
        assertThat(ok).as("javac on the snippets of docs/jpa.md:%n%s", errors).isTrue();
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

    /** The test class path, including what a manifest-only surefire jar points to. */
    private static String classPath() {
        Set<String> entries = new LinkedHashSet<>(
                List.of(System.getProperty("java.class.path").split(File.pathSeparator)));
        if (DocsSnippetsTest.class.getClassLoader() instanceof URLClassLoader loader) {
            for (URL url : loader.getURLs()) {
                entries.add(Path.of(URI.create(url.toString())).toString());
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}
