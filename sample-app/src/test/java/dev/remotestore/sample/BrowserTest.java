package dev.remotestore.sample;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementNotInteractableException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web page as a person uses it, in headless Chromium: Debian's {@code chromium} and {@code chromium-driver},
 * whose paths are given to Selenium so that Selenium Manager downloads nothing. Without them the test is skipped,
 * unless {@code CI=true}, where it fails.
 */
@QuarkusTest
@WithTestResource(value = SampleTestEnvironment.class, scope = TestResourceScope.GLOBAL)
class BrowserTest {
    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** h2, postgresql or mariadb: the surefire execution, which names the screenshots. */
    private static final String DB_KIND =
            System.getProperty("quarkus.datasource.db-kind", "h2").toLowerCase(Locale.ROOT);

    private static final Path TARGET = Path.of("target").toAbsolutePath();
    private static final Path SCREENSHOTS = TARGET.resolve("screenshots");

    private static ChromeDriver driver;
    private static WebDriverWait wait;
    private static Path profile;
    private static Path downloads;
    /** Why the tests are skipped: no Chromium or no driver, outside CI. */
    private static String skipped;

    @TestHTTPResource("/")
    URL base;

    @BeforeAll
    static void startBrowser() throws IOException {
        if (!Files.isExecutable(Path.of(CHROMIUM)) || !Files.isExecutable(Path.of(CHROMEDRIVER))) {
            String missing = "the browser test needs " + CHROMIUM + " and " + CHROMEDRIVER
                    + ": apt-get install chromium chromium-driver";
            if ("true".equals(System.getenv("CI"))) {
                fail(missing);
            }
            skipped = missing; // each test is reported as skipped, with the reason (a class-level skip is silent)
            return;
        }
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        Files.createDirectories(TARGET);
        profile = Files.createTempDirectory(TARGET, "chromium-profile-");
        downloads = TARGET.resolve("browser-downloads").resolve(DB_KIND);
        deleteTree(downloads);
        Files.createDirectories(downloads);
        Files.createDirectories(SCREENSHOTS);

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=1280,1400",
                "--user-data-dir=" + profile);
        options.setExperimentalOption(
                "prefs",
                Map.of(
                        "download.default_directory", downloads.toString(),
                        "download.prompt_for_download", false,
                        "download.directory_upgrade", true,
                        "safebrowsing.enabled", false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, WAIT);
        wait.ignoring(StaleElementReferenceException.class);
    }

    @BeforeEach
    void browserPresent() {
        Assumptions.assumeTrue(skipped == null, skipped);
    }

    @AfterAll
    static void quitBrowser() {
        try {
            if (driver != null) {
                driver.quit();
            }
        } finally {
            driver = null;
            deleteTree(profile);
        }
    }

    @Test
    @DisplayName(
            "a person uploads a file, downloads it from the hot tier and after migrating it to warm, reads the plan,"
                    + " downloads the Parquet export and deletes the document")
    void uploadMigrateExportDelete(@TempDir Path dir) throws Exception {
        byte[] bytes = new byte[200_000];
        new Random(42).nextBytes(bytes);
        Path file = dir.resolve("random-200k.bin");
        Files.write(file, bytes);
        String title = "browser " + System.nanoTime();

        open();
        driver.findElement(By.id("title")).sendKeys(title);
        driver.findElement(By.id("file")).sendKeys(file.toString());
        driver.findElement(By.id("upload")).click();

        WebElement row = wait.until(ExpectedConditions.presenceOfElementLocated(rowTitled(title)));
        String id = row.getAttribute("data-id");
        assertThat(id).matches("[0-9a-f-]{36}");
        By tier = cellOf(id, "td.tier");
        wait.until(ExpectedConditions.textToBe(tier, "hot"));
        assertThat(text(cellOf(id, "td.file-name"))).isEqualTo("random-200k.bin");
        assertThat(driver.findElement(cellOf(id, "td.size")).getAttribute("title"))
                .isEqualTo("200000 bytes");
        assertThat(text(By.id("status"))).contains("Uploaded", title, "hot");
        screenshot("1-uploaded");

        assertThat(download(cellOf(id, "a.download"), "random-200k.bin"))
                .as("the download from the hot tier")
                .isEqualTo(bytes);

        WebElement migrate = driver.findElement(cellOf(id, "button.migrate"));
        assertThat(migrate.getText()).isEqualTo("Move to warm");
        migrate.click();
        wait.until(ExpectedConditions.textToBe(tier, "warm"));
        assertThat(driver.findElement(cellOf(id, "button.migrate")).getText()).isEqualTo("Move to hot");
        assertThat(download(cellOf(id, "a.download"), "random-200k.bin"))
                .as("the download from the warm tier")
                .isEqualTo(bytes);

        click(cellOf(id, "button.plan"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("plan"), "\"resolvedTier\""));
        String plan = text(By.id("plan"));
        assertThat(plan)
                .contains("\"kind\": \"composite\"")
                .contains("\"key\": \"documents/" + id + "\"")
                .contains("\"resolvedTier\": \"warm\"")
                .contains("\"found\": true");
        screenshot("2-warm-with-plan");

        Instant uploadedAt = Instant.parse(
                driver.findElement(cellOf(id, "td.uploaded-at time")).getAttribute("datetime"));
        By parquetLink = By.cssSelector("#exports a.export[data-key='documents_per_month.parquet']");
        Path parquet = downloads.resolve("documents_per_month.parquet");
        byte[] exported = download(parquetLink, "documents_per_month.parquet");
        byte[] magic = "PAR1".getBytes(StandardCharsets.US_ASCII);
        assertThat(Arrays.copyOfRange(exported, 0, 4)).isEqualTo(magic);
        assertThat(Arrays.copyOfRange(exported, exported.length - 4, exported.length))
                .isEqualTo(magic);
        Files.write(parquet, exported);
        assertUploadCounted(parquet, uploadedAt.atZone(ZoneOffset.UTC), bytes.length);

        click(cellOf(id, "button.delete"));
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("tr[data-id='" + id + "']"), 0));
        assertThat(text(By.id("status"))).contains("Deleted", title);
        assertThat(text(By.id("plan"))).doesNotContain(id);
        given().get("/api/documents/" + id).then().statusCode(404);
        screenshot("3-deleted");
    }

    @Test
    @DisplayName("the lifecycle button moves the hot documents to the warm tier, and the table shows it")
    void lifecycleButton(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("notes.txt");
        Files.writeString(file, "lifecycle from the page");
        String title = "lifecycle " + System.nanoTime();

        open();
        driver.findElement(By.id("title")).sendKeys(title);
        driver.findElement(By.id("file")).sendKeys(file.toString());
        driver.findElement(By.id("upload")).click();
        String id = wait.until(ExpectedConditions.presenceOfElementLocated(rowTitled(title)))
                .getAttribute("data-id");
        wait.until(ExpectedConditions.textToBe(cellOf(id, "td.tier"), "hot"));

        driver.findElement(By.id("lifecycle")).click();
        wait.until(ExpectedConditions.textToBe(cellOf(id, "td.tier"), "warm"));
        assertThat(text(By.id("status"))).contains("lifecycle job moved");
        given().get("/api/documents/" + id).then().statusCode(200);
        assertThat(given().get("/api/documents/" + id).<String>path("tier")).isEqualTo("warm");
    }

    @Test
    @DisplayName("a refused upload shows the server's message in the status line and adds no row")
    void refusedUploadShowsTheMessage(@TempDir Path dir) throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.txt"));
        String title = "empty " + System.nanoTime();

        open();
        driver.findElement(By.id("title")).sendKeys(title);
        driver.findElement(By.id("file")).sendKeys(empty.toString());
        driver.findElement(By.id("upload")).click();

        wait.until(ExpectedConditions.attributeContains(By.id("status"), "class", "status-error"));
        assertThat(text(By.id("status")))
                .contains("400")
                .contains("the upload of \"empty.txt\" is empty: nothing was stored");
        assertThat(driver.findElements(rowTitled(title))).isEmpty();
        screenshot("4-refused-upload");
    }

    /** Opens the page and waits until it listed the documents and the exports. */
    private void open() {
        driver.get(base.toString());
        wait.until(ExpectedConditions.attributeToBeNotEmpty(driver.findElement(By.id("documents")), "data-count"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#exports a.export")));
        assertThat(driver.getTitle()).isEqualTo("remote-store sample app");
    }

    private static By rowTitled(String title) {
        return By.xpath("//table[@id='documents']//tr[@data-id][td[contains(@class,'title')][normalize-space()='"
                + title + "']]");
    }

    private static By cellOf(String id, String css) {
        return By.cssSelector("#documents tr[data-id='" + id + "'] " + css);
    }

    private static String text(By by) {
        return wait.until(d -> d.findElement(by).getText());
    }

    /** Clicks what {@code by} finds, again if the table was rebuilt under the click or it is not clickable yet. */
    private static void click(By by) {
        wait.until(d -> {
            try {
                d.findElement(by).click();
                return true;
            } catch (ElementNotInteractableException e) { // also ElementClickInterceptedException
                return false;
            }
        });
    }

    /** Clicks a download link and answers the bytes the browser saved as {@code name} in the download folder. */
    private static byte[] download(By link, String name) throws IOException {
        Path saved = downloads.resolve(name);
        Files.deleteIfExists(saved);
        click(link);
        new WebDriverWait(driver, WAIT)
                .withMessage(() -> "no download " + name + " in " + listing(downloads))
                .until(d -> Files.isRegularFile(saved) && !partial(downloads));
        byte[] bytes = Files.readAllBytes(saved);
        Files.delete(saved);
        return bytes;
    }

    private static boolean partial(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(p -> p.getFileName().toString().endsWith(".crdownload"));
        } catch (IOException e) {
            return true;
        }
    }

    private static List<String> listing(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        } catch (IOException e) {
            return List.of(e.toString());
        }
    }

    /** DuckDB reads the export: it has rows, and the upload's month counts at least this upload. */
    private static void assertUploadCounted(Path parquet, ZonedDateTime uploadedAt, long size) throws Exception {
        String source = "read_parquet('" + parquet.toString().replace("'", "''") + "')";
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT count(*) FROM " + source)) {
                rs.next();
                assertThat(rs.getLong(1)).as("rows in the export").isPositive();
            }
            try (PreparedStatement st = c.prepareStatement("SELECT documents, total_bytes FROM " + source
                    + " WHERE CAST(upload_year AS INTEGER) = ? AND CAST(upload_month AS INTEGER) = ?")) {
                st.setInt(1, uploadedAt.getYear());
                st.setInt(2, uploadedAt.getMonthValue());
                try (ResultSet rs = st.executeQuery()) {
                    assertThat(rs.next())
                            .as("a row for %d-%02d", uploadedAt.getYear(), uploadedAt.getMonthValue())
                            .isTrue();
                    assertThat(rs.getLong(1)).isPositive();
                    assertThat(rs.getLong(2)).isGreaterThanOrEqualTo(size);
                }
            }
        }
    }

    private static void screenshot(String name) throws IOException {
        Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOTS.resolve(DB_KIND + "-" + name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // under target/: the next clean removes it
        }
    }
}
