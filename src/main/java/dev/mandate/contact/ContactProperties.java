package dev.mandate.contact;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the contact module ({@code MANDATE_CONTACT_…}).
 *
 * @param importMaxSize the largest customer list accepted for import
 * @param importMaxRows the most rows one customer list may have
 */
@Validated
@ConfigurationProperties("mandate.contact")
record ContactProperties(
        @DefaultValue("2MB") DataSize importMaxSize,
        @DefaultValue("20000") @Min(1) int importMaxRows) {}
