package dev.mandate.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.account.AccountDirectory;
import dev.mandate.channel.ChannelAccount;
import dev.mandate.channel.ChannelAccounts;
import dev.mandate.ingest.IngestTokens;
import dev.mandate.shared.Actor;
import dev.mandate.workspace.Membership;
import dev.mandate.workspace.Role;
import dev.mandate.workspace.WorkspaceFixtures;
import dev.mandate.workspace.WorkspaceService;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * In Debian's Chromium, at a phone's width: a message posted to the ingest endpoint appears in an open inbox page
 * without a reload, its text shown as text. Skipped where Chromium and its driver are not installed ({@code .ci/run}
 * installs them).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "server.servlet.session.cookie.secure=false")
@EnabledIf("chromiumInstalled")
class LiveInboxBrowserTests {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @LocalServerPort
    int port;

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    AccountDirectory accounts;

    @Autowired
    ChannelAccounts channels;

    @Autowired
    IngestTokens tokens;

    WebDriver browser;

    static boolean chromiumInstalled() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    @BeforeEach
    void browser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=412,915", "--lang=en");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void showsANewMessageInAnOpenInboxWithoutReload() throws Exception {
        WorkspaceFixtures.Team team = new WorkspaceFixtures(workspaces, accounts).brandWithAgency();
        ChannelAccount blog = channels.connect(team.id(), Actor.SYSTEM, "wordpress", "Blog", List.of("baeckerei"));
        String token = tokens.rotate(
                new Membership(team.workspace(), team.owner().account().id(), "Owner", Role.OWNER));

        browser.get(url("/login"));
        browser.findElement(By.name("email")).sendKeys(team.agent().email());
        browser.findElement(By.name("password")).sendKeys(WorkspaceFixtures.PASSWORD);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        browser.get(url("/workspaces/" + team.id()));
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        wait.until(ExpectedConditions.textToBe(By.id("live-status"), "Live"));
        ((JavascriptExecutor) browser).executeScript("window.stillThisPage = true;");

        // A fixed text: the message is classified as it arrives, and a random part would move its spam score.
        String text = "Habt ihr morgen Dinkelbrot? <script>alert('x')</script> Gruß, Jana";
        HttpResponse<String> answer = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url("/api/workspaces/" + team.id() + "/ingest")))
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("""
                                        {"account": "%s", "kind": "comment", "externalId": "c-live",
                                         "threadRoot": "post-1", "author": {"handle": "jana", "name": "Jana Krüger"},
                                         "text": "%s", "language": "de", "createdAt": "2026-11-23T08:00:00Z"}
                                        """.formatted(blog.id(), text)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("conversation-list"), text));
        assertThat(((JavascriptExecutor) browser).executeScript("return window.stillThisPage === true;"))
                .as("the page was updated in place, not reloaded")
                .isEqualTo(true);
        assertThat(browser.findElement(By.id("conversation-list")).getText()).contains("Jana Krüger");
        screenshot("live-inbox");
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private void screenshot(String name) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        File shot = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
