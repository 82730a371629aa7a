package org.archai4j.onnx;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** A service that predicts with ONNX Runtime needs no DJL and no PyTorch: this module uses none of their code. */
class OnnxArchitectureTest {
    private static final JavaClasses ONNX = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.archai4j.onnx");

    @Test
    void usesNoDjlAndNoOtherModuleOfOursButTheCore() {
        noClasses().that().resideInAPackage("org.archai4j.onnx..").should().dependOnClassesThat()
                .resideInAnyPackage("ai.djl..", "org.archai4j.djl..", "org.archai4j.run..", "org.archai4j.cli..",
                        "org.archai4j.hazelcast..", "org.archai4j.plots..")
                .check(ONNX);
    }
}
