package org.memsim.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The managed heap sits where the C runtime sits: below the stack wiring, above the kernel; like an
 * allocator it asks the kernel for memory and touches it through the memory port, never the page
 * tables, the MMU class or physical memory; object models and collectors know nothing of traces.
 */
class GcLayeringTest {
    static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.memsim");
    }

    @Test
    void managedHeapIsBelowTheStackAndNeverTouchesPageTables() {
        noClasses().that().resideInAPackage("org.memsim.gc..")
            .should().dependOnClassesThat().haveSimpleNameEndingWith("PageTable")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("org.memsim.vm.Mmu")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("org.memsim.vm.PhysicalMemory")
            .orShould().dependOnClassesThat().resideInAnyPackage("org.memsim.stack..", "org.memsim.scenario..", "org.memsim.trace..",
                "org.memsim.alloc..")
            .check(classes);
    }

    @Test
    void objectModelsDependOnNothingButSpecs() {
        noClasses().that().resideInAPackage("org.memsim.gc.model..")
            .should().dependOnClassesThat().resideInAnyPackage("org.memsim.vm..", "org.memsim.kernel..", "org.memsim.runtime..",
                "org.memsim.metrics..", "org.memsim.cost..")
            .check(classes);
    }

    @Test
    void collectorsDoNotKnowEachOther() {
        for (String c : new String[] {"rc", "marksweep", "markcompact", "semispace", "generational", "regional", "concurrent"}) {
            noClasses().that().resideInAPackage("org.memsim.gc." + c + "..")
                .should().dependOnClassesThat().resideInAnyPackage(others(c))
                .check(classes);
        }
    }

    private static String[] others(String c) {
        return java.util.Arrays.stream(new String[] {"rc", "marksweep", "markcompact", "semispace", "generational", "regional", "concurrent"})
            .filter(o -> !o.equals(c)).map(o -> "org.memsim.gc." + o + "..").toArray(String[]::new);
    }
}
