package org.memsim.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the packages in layer order: a lower layer never imports a higher one, and an allocator
 * never touches page tables or the MMU directly (it asks the kernel and writes through the memory port).
 */
class LayeringTest {
    static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.memsim");
    }

    @Test
    void eventVocabularyDependsOnNothingOfMemsim() {
        noClasses().that().resideInAPackage("org.memsim.event..")
            .should().dependOnClassesThat().resideInAnyPackage("org.memsim.trace..", "org.memsim.vm..", "org.memsim.kernel..",
                "org.memsim.alloc..", "org.memsim.runtime..", "org.memsim.stack..", "org.memsim.scenario..", "org.memsim.metrics..")
            .check(classes);
    }

    @Test
    void tracesKnowNothingOfTheStack() {
        noClasses().that().resideInAPackage("org.memsim.trace..")
            .should().dependOnClassesThat().resideInAnyPackage("org.memsim.vm..", "org.memsim.kernel..", "org.memsim.alloc..",
                "org.memsim.runtime..", "org.memsim.stack..", "org.memsim.scenario..")
            .check(classes);
    }

    @Test
    void vmIsBelowTheKernel() {
        noClasses().that().resideInAPackage("org.memsim.vm..")
            .should().dependOnClassesThat().resideInAnyPackage("org.memsim.kernel..", "org.memsim.alloc..",
                "org.memsim.runtime..", "org.memsim.stack..", "org.memsim.scenario..", "org.memsim.trace..")
            .check(classes);
    }

    @Test
    void kernelIsBelowTheAllocator() {
        noClasses().that().resideInAPackage("org.memsim.kernel..")
            .should().dependOnClassesThat().resideInAnyPackage("org.memsim.alloc..", "org.memsim.runtime..",
                "org.memsim.stack..", "org.memsim.scenario..", "org.memsim.trace..")
            .check(classes);
    }

    @Test
    void allocatorsNeverTouchPageTablesOrTheMmu() {
        noClasses().that().resideInAPackage("org.memsim.alloc..")
            .should().dependOnClassesThat().haveSimpleNameEndingWith("PageTable")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("org.memsim.vm.Mmu")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("org.memsim.vm.PhysicalMemory")
            .orShould().dependOnClassesThat().resideInAnyPackage("org.memsim.runtime..", "org.memsim.stack..", "org.memsim.scenario..")
            .check(classes);
    }

    @Test
    void runtimeIsBelowTheStackWiring() {
        noClasses().that().resideInAPackage("org.memsim.runtime..")
            .should().dependOnClassesThat().resideInAnyPackage("org.memsim.stack..", "org.memsim.scenario..")
            .check(classes);
    }

    @Test
    void replacementPoliciesKnowOnlyFramesAsNumbers() {
        // a policy sees frame numbers and, for OPT, the reference string: no TLB, page table or memory model
        noClasses().that().resideInAPackage("org.memsim.vm.replace..")
            .should().dependOnClassesThat().resideInAnyPackage("org.memsim.vm", "org.memsim.vm.tlb..", "org.memsim.kernel..",
                "org.memsim.metrics..", "org.memsim.cost..")
            .check(classes);
    }

    @Test
    void tlbsKnowEntriesButNotMemoryOrPolicies() {
        noClasses().that().resideInAPackage("org.memsim.vm.tlb..")
            .should().dependOnClassesThat().resideInAnyPackage("org.memsim.vm.replace..", "org.memsim.kernel..")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("org.memsim.vm.PhysicalMemory")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("org.memsim.vm.Mmu")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("org.memsim.vm.AddressSpace")
            .check(classes);
    }

    @Test
    void runtimesNeverTouchPageTablesFramesOrTlbs() {
        noClasses().that().resideInAPackage("org.memsim.runtime..")
            .should().dependOnClassesThat().haveSimpleNameEndingWith("PageTable")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("org.memsim.vm.PhysicalMemory")
            .orShould().dependOnClassesThat().resideInAnyPackage("org.memsim.vm.tlb..", "org.memsim.vm.replace..")
            .check(classes);
    }

    @Test
    void stackDoesNotDependOnScenarios() {
        noClasses().that().resideInAPackage("org.memsim.stack..")
            .should().dependOnClassesThat().resideInAnyPackage("org.memsim.scenario..")
            .check(classes);
    }
}
