package dev.remotestore.flyway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every Java block of docs/flyway.md compiles as pasted: a whole compilation unit, or imports and a method body. */
class DocSnippetsTest {
    private static final Path PAGE = Path.of("..", "docs", "flyway.md");
    private static final Pattern BLOCK = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL);
    private static final Pattern PUBLIC_CLASS = Pattern.compile("(?m)^public (?:abstract |final )*class (\\w+)");

    @Test
    @DisplayName("docs/flyway.md: each Java block compiles against the module and its dependencies")
    void javaBlocksCompile(@TempDir Path dir) throws Exception {
        List<String> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(Files.readString(PAGE));
        while (m.find()) {
            blocks.add(m.group(1));
        }
        assertThat(blocks).hasSizeGreaterThanOrEqualTo(6);

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        for (int i = 0; i < blocks.size(); i++) {
            String block = blocks.get(i);
            Matcher named = PUBLIC_CLASS.matcher(block);
            Path source;
            Path blockDir = Files.createDirectories(dir.resolve("block" + i));
            if (named.find()) {
                source = blockDir.resolve(named.group(1) + ".java");
                Files.writeString(source, block);
            } else {
                StringBuilder imports = new StringBuilder();
                StringBuilder body = new StringBuilder();
                for (String line : block.split("\n")) {
                    (line.startsWith("import ") ? imports : body).append(line).append('\n');
                }
                source = blockDir.resolve("Snippet.java");
                Files.writeString(
                        source, imports + "class Snippet {\n void run() throws Exception {\n" + body + "}\n}\n");
            }
            StringWriter out = new StringWriter();
            boolean ok = javac.getTask(
                            out,
                            null,
                            null,
                            List.of(
                                    "-classpath",
                                    System.getProperty("java.class.path"),
                                    "-d",
                                    blockDir.toString(),
                                    "-proc:none"),
                            null,
                            javac.getStandardFileManager(null, null, null).getJavaFileObjects(source))
                    .call();
            assertThat(ok)
                    .as("block %d of %s:\n%s\n%s", i + 1, PAGE, block, out)
                    .isTrue();
        }
    }
}
