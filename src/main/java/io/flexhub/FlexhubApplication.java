package io.flexhub;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class FlexhubApplication {

    public static void main(String[] args) {
        SpringApplication.run(FlexhubApplication.class, args);
    }
}
