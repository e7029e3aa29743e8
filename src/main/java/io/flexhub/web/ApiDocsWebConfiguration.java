package io.flexhub.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Swagger UI at {@code /api/docs/}, behind the admin login with the rest of {@code /api}: the page and its
 * initializer from {@code classpath:/api-docs/}, Swagger UI's files from the {@code org.webjars:swagger-ui} jar, so
 * the version is named once (pom.xml) and nothing comes from a CDN.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocsWebConfiguration implements WebMvcConfigurer {

    static final String PATH = "/api/docs/";
    private static final String WEBJAR_POM = "META-INF/maven/org.webjars/swagger-ui/pom.properties";

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/api/docs", PATH);
        registry.addViewController(PATH).setViewName("forward:" + PATH + "index.html");
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler(PATH + "**").addResourceLocations("classpath:/api-docs/",
                "classpath:/META-INF/resources/webjars/swagger-ui/" + swaggerUiVersion() + "/");
    }

    static String swaggerUiVersion() {
        try (InputStream in = ApiDocsWebConfiguration.class.getClassLoader().getResourceAsStream(WEBJAR_POM)) {
            if (in == null) {
                throw new IllegalStateException(WEBJAR_POM + " is missing: the org.webjars:swagger-ui jar is not on "
                        + "the classpath");
            }
            Properties pom = new Properties();
            pom.load(in);
            return pom.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
