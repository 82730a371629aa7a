package org.archai4j.architecture;

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
 * The rules of {@code archai4j-core}'s layout: its packages form no cycle (data flows one way: space, objectives,
 * evaluation, search, operators, algorithms, outputs), it has no deep-learning, GUI or plotting dependency, and every
 * package says what it is in a {@code package-info.java}.
 */
class ArchitectureTest {
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.archai4j");

    @Test
    void packagesFormNoCycle() {
        slices().matching("org.archai4j.(*)..").should().beFreeOfCycles().check(CORE);
    }

    @Test
    void coreDependsOnNoOtherModuleOfOurs() {
        noClasses().that().resideInAPackage("org.archai4j..")
                .should().dependOnClassesThat().resideInAnyPackage("org.archai4j.djl..", "org.archai4j.run..",
                        "org.archai4j.cli..", "org.archai4j.hazelcast..", "org.archai4j.plots..",
                        "org.archai4j.onnx..", "org.archai4j.bench..")
                .check(CORE);
    }

    @Test
    void coreHasNoDeepLearningGuiOrPlottingDependency() {
        noClasses().that().resideInAPackage("org.archai4j..")
                .should().dependOnClassesThat().resideInAnyPackage("java.awt..", "javax.swing..", "javax.imageio..",
                        "org.knowm..", "ai.djl..", "com.hazelcast..")
                .check(CORE);
    }

    @Test
    void everyPackageHasAPackageInfo() throws IOException {
        Path sources = Path.of("src/main/java/org/archai4j");
        try (Stream<Path> dirs = Files.walk(sources)) {
            List<Path> packages = dirs.filter(Files::isDirectory).filter(ArchitectureTest::hasJavaFiles).toList();
            assertThat(packages).isNotEmpty();
            for (Path p : packages) {
                assertThat(p.resolve("package-info.java")).as("package-info.java of %s", p).exists();
                assertThat(Files.readString(p.resolve("package-info.java"))).as(p.toString()).contains("/**");
            }
        }
    }

    private static boolean hasJavaFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.toString().endsWith(".java") && !f.endsWith("package-info.java"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
