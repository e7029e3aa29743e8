package io.flexhub.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.io.IOException;

import org.junit.jupiter.api.Test;

import io.flexhub.support.H2HubTest;

/**
 * The dashboard's two ways in: the form login (a session, whose writes need the CSRF token) and HTTP Basic (no
 * session, no token), and what each caller gets without a login: a browser the login page, an API client a 401.
 */
class DashboardSecurityTest extends H2HubTest {

    /** A browser: keeps cookies, does not follow redirects so that each one can be checked. */
    private final class Browser {
        final CookieManager cookies = new CookieManager();
        final HttpClient client = HttpClient.newBuilder().cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).build();

        HttpResponse<String> get(String path, String accept) {
            return call(HttpRequest.newBuilder(URI.create(url(path))).header("Accept", accept).GET().build());
        }

        HttpResponse<String> call(HttpRequest request) {
            try {
                return client.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        String xsrf() {
            return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                    .map(HttpCookie::getValue).findFirst().orElseThrow();
        }

        HttpResponse<String> login(String password) {
            HttpResponse<String> page = get("/login", "text/html");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("<form id=\"login\" method=\"post\" action=\"/login\">");
            String form = "username=admin&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)
                    + "&_csrf=" + URLEncoder.encode(xsrf(), StandardCharsets.UTF_8);
            return call(HttpRequest.newBuilder(URI.create(url("/login")))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        }

        HttpResponse<String> post(String path, String token) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.noBody());
            if (token != null) {
                b.header("X-XSRF-TOKEN", token);
            }
            return call(b.build());
        }
    }

    @Test
    void browser_navigation_without_a_session_goes_to_the_login_page_and_api_calls_get_a_401() {
        Browser browser = new Browser();
        for (String page : new String[] {"/", "/energy.html", "/configuration.html", "/actuator/hawtio/"}) {
            HttpResponse<String> r = browser.get(page, "text/html,application/xhtml+xml,*/*;q=0.8");
            assertThat(r.statusCode()).as(page).isEqualTo(302);
            assertThat(r.headers().firstValue("Location").orElseThrow()).as(page).endsWith("/login");
        }
        HttpResponse<String> api = browser.get("/api/flex/configurations", "application/json");
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.headers().firstValue("Location")).isEmpty();
        assertThat(read(api.body()).get("status").asInt()).isEqualTo(401);
        // a page's fetch asks for JSON: a 401 it can act on, not the login page's HTML
        assertThat(browser.get("/energy.html", "application/json").statusCode()).isEqualTo(401);
        // the login page and its assets need no login
        assertThat(browser.get("/login", "text/html").body()).contains("Log in");
        assertThat(browser.get("/assets/app.css", "text/css").statusCode()).isEqualTo(200);
        assertThat(browser.get("/webjars/echarts/5.3.1/dist/echarts.min.js", "*/*").statusCode()).isEqualTo(200);
    }

    @Test
    void the_form_login_opens_pages_and_their_json_and_returns_to_the_page_asked_for() {
        Browser browser = new Browser();
        assertThat(browser.get("/configuration.html", "text/html").statusCode()).isEqualTo(302);

        HttpResponse<String> login = browser.login(ADMIN_PASSWORD);

        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElseThrow()).contains("/configuration.html");
        HttpResponse<String> page = browser.get("/configuration.html", "text/html");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Demand flexibility configuration");
        HttpResponse<String> overview = browser.get("/", "text/html");
        assertThat(overview.statusCode()).isEqualTo(200);
        assertThat(overview.body()).contains("<h1>Overview</h1>");
        HttpResponse<String> json = browser.get("/api/flex/configurations", "application/json");
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(read(json.body()).isArray()).isTrue();
    }

    @Test
    void a_wrong_password_goes_back_to_the_login_page_with_an_error() {
        Browser browser = new Browser();

        HttpResponse<String> login = browser.login("not-the-password");

        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
        assertThat(browser.get("/api/dr/events", "application/json").statusCode()).isEqualTo(401);
    }

    @Test
    void a_write_that_brings_the_session_needs_the_csrf_token() {
        Browser browser = new Browser();
        browser.login(ADMIN_PASSWORD);

        HttpResponse<String> forged = browser.post("/api/dr/events/999999/cancel", null);
        HttpResponse<String> wrongToken = browser.post("/api/dr/events/999999/cancel", "not-the-token");
        HttpResponse<String> fromPage = browser.post("/api/dr/events/999999/cancel", browser.xsrf());

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(wrongToken.statusCode()).isEqualTo(403);
        // past the CSRF check, the API itself answers: there is no such event
        assertThat(fromPage.statusCode()).as(fromPage.body()).isEqualTo(404);
        assertThat(read(fromPage.body()).get("detail").asText()).contains("999999");
    }

    @Test
    void basic_auth_still_works_for_the_api_without_a_token_and_without_a_session() {
        HttpResponse<String> read = admin(HttpRequest.newBuilder(URI.create(url("/api/dr/events"))).GET());
        HttpResponse<String> write = admin(HttpRequest.newBuilder(URI.create(url("/api/dr/events/999999/cancel")))
                .POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("JSESSIONID"));
        assertThat(write.statusCode()).as(write.body()).isEqualTo(404);
        assertThat(admin(HttpRequest.newBuilder(URI.create(url("/energy.html"))).GET()).statusCode()).isEqualTo(200);
    }
}
