package dev.sluice.serve.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.incident.Incident;
import dev.sluice.retrieve.SearchMode;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real headless Chromium (Debian's chromium and chromium-driver; skipped when they
 * are not installed): sign in, see the incidents a real freshness breach and a real eval regression
 * opened, open a question's trace, acknowledge an incident; a key of another group then sees none of
 * the first group's documents, traces or questions on any page. Each page's screenshot is kept in
 * {@code target/ui-screenshots/} for the docs.
 */
class DashboardBrowserIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "ui-screenshots");

    @TempDir
    Path work;

    @Test
    void should_show_incidents_traces_and_acknowledge_for_one_group_and_nothing_of_it_to_another() throws Exception {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed && "1".equals(System.getenv("SLUICE_REQUIRE_BROWSER"))) {
            throw new AssertionError("SLUICE_REQUIRE_BROWSER=1 (CI) but Chromium or chromedriver is missing at "
                    + CHROMIUM + " and " + CHROMEDRIVER);
        }
        Assumptions.assumeTrue(
                installed,
                "needs Chromium and chromedriver at " + CHROMIUM + " and " + CHROMEDRIVER
                        + " (Debian: apt-get install chromium chromium-driver); .ci/run installs them");
        try (DashboardFixture f = DashboardFixture.start(work)) {
            List<SearchMode> modes = List.of(SearchMode.BM25, SearchMode.DENSE);
            long baseline = f.evaluate(modes);
            String askTrace = f.ask(f.alphaKey, "how do I look after a lighthouse")
                    .get("traceId")
                    .asText();
            String searchTrace =
                    f.search(f.alphaKey, "origami checklist").get("traceId").asText();
            f.emptyHalfTheHandbooks();
            long regressed = f.evaluate(modes);
            List<Incident> open = f.breachAndCheck();
            Incident freshness = only(open, Incident.Kind.FRESHNESS);
            Incident regression = only(open, Incident.Kind.EVAL_REGRESSION);
            assertThat(freshness.subject()).isEqualTo("alpha");
            assertThat(((Number) regression.evidence().get("baselineRunId")).longValue())
                    .isEqualTo(baseline);
            assertThat(((Number) regression.evidence().get("evalRunId")).longValue())
                    .isEqualTo(regressed);

            WebDriver browser = chromium();
            try {
                browser.get(f.base + "/ui/");
                assertThat(browser.getCurrentUrl()).contains("/ui/login");
                signIn(browser, f.alphaKey);
                assertThat(browser.getTitle()).startsWith("Overview");
                assertThat(browser.getPageSource()).contains("freshness", "eval_regression", "alpha");
                screenshot(browser, "overview");

                open(browser, f.base + "/ui/sources", "sources");
                open(browser, f.base + "/ui/quality", null);
                click(browser, By.cssSelector("form.compare button"), "/ui/quality?");
                assertThat(browser.getPageSource()).contains("Run " + regressed + " against run " + baseline);
                screenshot(browser, "quality");
                open(browser, f.base + "/ui/cost", "cost");

                open(browser, f.base + "/ui/questions", "questions");
                click(browser, By.partialLinkText("look after a lighthouse"), "/ui/traces/");
                assertThat(browser.getCurrentUrl()).endsWith("/ui/traces/" + askTrace);
                assertThat(browser.getPageSource()).contains("answer.context", "retrieve.dense", "lighthouse.md");
                screenshot(browser, "trace");

                open(browser, f.base + "/ui/incidents", "incidents");
                click(browser, By.linkText("#" + regression.id()), "/ui/incidents/" + regression.id());
                assertThat(browser.getPageSource()).contains("baselineRunId", "regressedQueries");
                screenshot(browser, "incident");
                click(browser, By.xpath("//button[text()='Acknowledge']"), "/ui/incidents/" + regression.id());
                assertThat(browser.getPageSource()).contains("acknowledged", f.alphaKeyId);
                assertThat(f.kb.incidentStore()
                                .incident(regression.id())
                                .orElseThrow()
                                .acknowledgedBy())
                        .isEqualTo(f.alphaKeyId);

                click(browser, By.xpath("//button[text()='Sign out']"), "/ui/login");
                assertThat(browser.getCurrentUrl()).contains("/ui/login");
                signIn(browser, f.betaKey);
                assertThat(browser.getTitle()).startsWith("Overview");
                List<String> secrets = DashboardFixture.alphaSecrets(
                        List.of(askTrace, searchTrace), List.of("look after a lighthouse", "origami checklist"));
                for (String page : List.of(
                        "/ui/",
                        "/ui/sources",
                        "/ui/quality",
                        "/ui/questions",
                        "/ui/cost",
                        "/ui/incidents",
                        "/ui/incidents/" + freshness.id(),
                        "/ui/incidents/" + regression.id(),
                        "/ui/traces/" + askTrace)) {
                    browser.get(f.base + page);
                    String html = browser.getPageSource().toLowerCase(Locale.ROOT);
                    for (String secret : secrets) {
                        assertThat(html).as("%s must not show %s", page, secret).doesNotContain(secret);
                    }
                }
                assertThat(browser.getPageSource())
                        .as("alpha's trace, for beta")
                        .contains("Not found");
            } finally {
                browser.quit();
            }
        }
    }

    private static Incident only(List<Incident> open, Incident.Kind kind) {
        List<Incident> found =
                new ArrayList<>(open.stream().filter(i -> i.kind() == kind).toList());
        assertThat(found).as("open %s incidents among %s", kind, open).hasSize(1);
        return found.getFirst();
    }

    /** Headless Chromium from the system packages; nothing is downloaded (Selenium Manager stays idle). */
    private static WebDriver chromium() {
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return driver;
    }

    private static void signIn(WebDriver browser, String key) {
        browser.findElement(By.id("key")).sendKeys(key);
        click(browser, By.cssSelector("form.login button"), "/ui/");
    }

    /**
     * Clicks and waits until the browser is at a page whose address holds {@code atUrl} and whose
     * document finished loading: a click on a form's button does not wait for the page it leads to.
     */
    private static void click(WebDriver browser, By what, String atUrl) {
        WebElement old = browser.findElement(By.tagName("html"));
        browser.findElement(what).click();
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(d -> ExpectedConditions.stalenessOf(old).apply(d)
                        && d.getCurrentUrl().contains(atUrl)
                        && "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    /** Opens a page, checks it rendered, and keeps its screenshot when named. */
    private static void open(WebDriver browser, String url, String screenshot) throws Exception {
        browser.get(url);
        assertThat(browser.getPageSource()).as(url).contains("Sign out").doesNotContain("Something failed");
        if (screenshot != null) {
            screenshot(browser, screenshot);
        }
    }

    private static void screenshot(WebDriver browser, String name) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
