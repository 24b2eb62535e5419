package dev.mandate.demo;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Demo settings.
 *
 * @param enabled whether the first start creates the demo workspace ({@code MANDATE_DEMO})
 * @param password the password of every demo person ({@code MANDATE_DEMO_PASSWORD}); it is printed at start-up
 * @param emailDomain the domain of the demo people's e-mail addresses ({@code MANDATE_DEMO_EMAILDOMAIN})
 */
@Validated
@ConfigurationProperties("mandate.demo")
record DemoProperties(
        @DefaultValue("true") boolean enabled,

        @DefaultValue("sonnenkorn-demo") @Size(min = 10, max = 128)
        String password,

        @DefaultValue("sonnenkorn.example") @NotBlank @Pattern(regexp = "[A-Za-z0-9.-]+")
        String emailDomain) {

    @Override
    public String toString() {
        return "DemoProperties[enabled=" + enabled + ", emailDomain=" + emailDomain + "]";
    }
}
