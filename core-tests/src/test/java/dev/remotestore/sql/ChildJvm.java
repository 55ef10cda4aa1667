package dev.remotestore.sql;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Starts a class of the test class path in a JVM of its own, for memory bounds and crash tests. */
final class ChildJvm {
    private ChildJvm() {}

    static ProcessBuilder builder(List<String> jvmOptions, Class<?> main, String... args) {
        return builder(jvmOptions, System.getProperty("java.class.path"), main, args);
    }

    /** The test class path without the entries whose file name contains {@code fragment}. */
    static String classPathWithout(String fragment) {
        return java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(entry -> !Path.of(entry).getFileName().toString().contains(fragment))
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    static ProcessBuilder builder(List<String> jvmOptions, String classPath, Class<?> main, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classPath);
        command.add(main.getName());
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true);
    }

    /** Runs to completion (at most {@code seconds}); returns exit code and output. */
    static Result run(int seconds, List<String> jvmOptions, Class<?> main, String... args)
            throws IOException, InterruptedException {
        return run(seconds, builder(jvmOptions, main, args));
    }

    /** Runs {@code builder}'s command to completion (at most {@code seconds}). */
    static Result run(int seconds, ProcessBuilder builder) throws IOException, InterruptedException {
        Process p = builder.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("child JVM did not finish within " + seconds + " s");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    record Result(int exitCode, String output) {
        /** The words after {@code prefix} on the line that starts with it. */
        String[] line(String prefix) {
            return output.lines()
                    .filter(l -> l.startsWith(prefix))
                    .findFirst()
                    .map(l -> l.substring(prefix.length()).trim().split(" "))
                    .orElseThrow(() -> new AssertionError("no line " + prefix + " in:\n" + output));
        }
    }
}
