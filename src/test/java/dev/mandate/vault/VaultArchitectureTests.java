package dev.mandate.vault;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Only the vault touches key material: no other package may use Tink (Modulith's boundaries do not cover this). */
class VaultArchitectureTests {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.mandate");

    @Test
    void onlyTheVaultUsesTink() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.mandate.vault..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("com.google.crypto.tink..")
                .because("credentials are encrypted and decrypted in the vault only")
                .check(classes);
    }
}
