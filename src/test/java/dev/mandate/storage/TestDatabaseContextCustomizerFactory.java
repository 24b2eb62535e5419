package dev.mandate.storage;

import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/** Points every Spring test context at the run's {@link TestDatabase}, without a line in the test classes. */
class TestDatabaseContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(
            Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        return new Customizer();
    }

    private static final class Customizer implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            TestDatabase database = TestDatabase.get();
            Map<String, Object> properties = new java.util.HashMap<>();
            properties.put("mandate.database.url", database.url());
            properties.put("mandate.database.username", database.username());
            if (database.password() != null) {
                properties.put("mandate.database.password", database.password());
            }
            properties.put("mandate.database.maximum-pool-size", "5");
            properties.put("mandate.demo.enabled", "false");
            properties.put("mandate.account.admin-password", "admin-password-for-tests");
            context.getEnvironment()
                    .getPropertySources()
                    .addFirst(new MapPropertySource("mandate-test-database", properties));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Customizer;
        }

        @Override
        public int hashCode() {
            return Customizer.class.hashCode();
        }
    }
}
