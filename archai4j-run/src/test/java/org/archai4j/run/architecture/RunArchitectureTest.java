package org.archai4j.run.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The rules of {@code archai4j-run}'s layout: the job depends on the libraries below it, never on the command
 * line, its report or dashboard; its packages form no cycle; each says what it is in a {@code package-info.java}.
 */
class RunArchitectureTest {
    private static final JavaClasses RUN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.archai4j.run");

    @Test
    void theJobDependsOnNoCommandLineReportOrDashboard() {
        noClasses().that().resideInAPackage("org.archai4j.run..")
                .should().dependOnClassesThat().resideInAnyPackage("picocli..", "me.tongfei.progressbar..",
                        "org.archai4j.cli..", "com.sun.net.httpserver..")
                .check(RUN);
    }

    @Test
    void packagesFormNoCycle() {
        slices().matching("org.archai4j.run.(*)..").should().beFreeOfCycles().check(RUN);
    }

    @Test
    void everyPackageHasAPackageInfo() throws IOException {
        try (Stream<Path> dirs = Files.walk(Path.of("src/main/java/org/archai4j/run"))) {
            List<Path> packages = dirs.filter(Files::isDirectory).toList();
            assertThat(packages).hasSizeGreaterThanOrEqualTo(3);
            for (Path p : packages) {
                assertThat(p.resolve("package-info.java")).as("package-info.java of %s", p).exists();
            }
        }
    }
}
