package io.flexhub.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import com.fasterxml.jackson.databind.JsonNode;

import io.flexhub.support.H2HubTest;
import io.flexhub.support.UftpTestPeer;

/**
 * Swagger UI at /api/docs/ in headless Chromium after the form login: it draws one operation per verb of the
 * document, loads nothing from another origin, and its calls carry the session (and on writes the CSRF token).
 */
class ApiDocsBrowserTest extends H2HubTest {

    private static ChromeDriver browser;

    @BeforeAll
    static void startBrowser() {
        browser = Chromium.start(Path.of("target", "browser-downloads").toAbsolutePath(), 1400, 1000);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void swagger_ui_shows_every_operation_of_the_document_and_calls_the_api_with_the_session() {
        Set<String> documented = new TreeSet<>();
        document().get("paths").fields().forEachRemaining(p -> p.getValue().fieldNames()
                .forEachRemaining(m -> documented.add(m.toUpperCase(Locale.ROOT) + " " + p.getKey())));

        login();
        browser.get(url("/api/docs/"));
        await().atMost(Duration.ofSeconds(30)).until(() -> operations().size() == documented.size());
        Chromium.screenshot(browser, "api-docs");

        assertThat(new TreeSet<>(operations())).isEqualTo(documented);
        assertThat(browser.findElement(By.cssSelector(".info .title")).getText()).contains("flexhub REST API");
        @SuppressWarnings("unchecked")
        List<String> loaded = (List<String>) js("return performance.getEntriesByType('resource').map(e => e.name)");
        assertThat(loaded).isNotEmpty().allSatisfy(u -> assertThat(u).startsWith(url("/")));

        assertThat(tryOut("get", "/api/usef/identity")).isEqualTo("200");
        assertThat(browser.findElement(By.cssSelector(".live-responses-table tbody .response-col_description")).getText())
                .contains(UftpTestPeer.HUB_DOMAIN);
        // a write with the session: 404 for the unknown probe, not the 403 of a missing CSRF token
        assertThat(tryOut("post", "/api/probes/{id}/run", "no-such-probe")).isEqualTo("404");
        Chromium.screenshot(browser, "api-docs-try-out");
        assertThat(consoleErrors()).isEmpty();
    }

    private void login() {
        browser.manage().deleteAllCookies();
        browser.get(url("/login"));
        browser.findElement(By.id("username")).sendKeys("admin");
        browser.findElement(By.id("password")).sendKeys(ADMIN_PASSWORD, Keys.ENTER);
        await().atMost(Duration.ofSeconds(10)).until(() -> !browser.getCurrentUrl().contains("/login"));
    }

    /** Opens an operation, fills its path parameter, executes it and answers the status Swagger UI shows. */
    private String tryOut(String method, String path, String... pathValues) {
        WebElement block = browser.findElement(By.xpath("//div[contains(@class,'opblock-" + method + "')]"
                + "[.//*[@data-path='" + path + "']]"));
        block.findElement(By.cssSelector(".opblock-summary-control")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> !block.findElements(By.cssSelector(".try-out__btn")).isEmpty());
        block.findElement(By.cssSelector(".try-out__btn")).click();
        List<WebElement> inputs = block.findElements(By.cssSelector(".parameters input[type=text]"));
        for (int i = 0; i < pathValues.length; i++) {
            inputs.get(i).sendKeys(pathValues[i]);
        }
        block.findElement(By.cssSelector(".execute")).click();
        await().atMost(Duration.ofSeconds(20)).until(() ->
                !block.findElements(By.cssSelector(".live-responses-table tbody .response-col_status")).isEmpty());
        return block.findElement(By.cssSelector(".live-responses-table tbody .response-col_status")).getText().trim();
    }

    @SuppressWarnings("unchecked")
    private List<String> operations() {
        return (List<String>) js("return [...document.querySelectorAll('.opblock')].map(b => "
                + "b.querySelector('.opblock-summary-method').textContent.trim() + ' ' "
                + "+ b.querySelector('.opblock-summary-path').dataset.path)");
    }

    private JsonNode document() {
        HttpResponse<String> r = admin(HttpRequest.newBuilder(URI.create(url("/api/openapi.json"))).GET());
        assertThat(r.statusCode()).isEqualTo(200);
        return read(r.body());
    }

    private Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    private List<String> consoleErrors() {
        // the try-out's 404 is one the browser reports itself; the page's own scripts must log no error
        return Chromium.consoleErrors(browser, m -> m.contains("/api/probes/"));
    }
}
