package dev.remotestore.example;

import dev.remotestore.FileInfo;
import dev.remotestore.ListOption;
import dev.remotestore.Store;
import dev.remotestore.WriteOption;
import dev.remotestore.local.LocalBackend;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The README's first command: writes, lists, resolves and reads through a {@link Store} over a local
 * directory ({@code target/quickstart-store}, or the directory given as the first argument).
 */
public final class QuickStart {
    private QuickStart() {}

    public static void main(String[] args) {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/quickstart-store");
        try (Store store = Store.of(new LocalBackend(dir))) {
            Store reports = store.child("reports");
            reports.write(
                    "2026/daily_sales.csv",
                    "day,total\n2026-11-24,1250.00\n".getBytes(StandardCharsets.UTF_8),
                    WriteOption.OVERWRITE);
            reports.writeAtomic(
                    "2026/summary.txt", "written atomically\n".getBytes(StandardCharsets.UTF_8), WriteOption.OVERWRITE);

            System.out.println("store:    " + store);
            System.out.println("files below reports/:");
            try (Stream<FileInfo> files = reports.listFiles("", ListOption.RECURSIVE)) {
                files.forEach(f -> System.out.println("  " + f.path() + "  "
                        + f.size().orElse(-1) + " bytes  " + f.modifiedAt().orElseThrow()));
            }
            System.out.println("resolve:  " + reports.resolve("2026/daily_sales.csv"));
            System.out.println("content of reports/2026/daily_sales.csv:");
            System.out.print(new String(reports.readBytes("2026/daily_sales.csv"), StandardCharsets.UTF_8));
            try (Stream<FileInfo> csv = store.glob("**/*.csv")) {
                System.out.println("glob **/*.csv: " + csv.map(FileInfo::path).toList());
            }
        }
    }
}
