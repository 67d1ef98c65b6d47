package io.lpmsedge.bridge;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.Test;

/**
 * The package rules of the code that runs on the Pi (docs/architecture.md#packages), checked on the compiled
 * classes of the bridge and the modules it ships with:
 * <ul>
 *   <li>no cycles between components: a component is a module's top-level package with its sub-packages
 *       ({@code bridge.delivery} with its {@code rest}, {@code kafka} and {@code file} sinks, as a Telegraf plugin
 *       folder belongs to its plugin kind), and a module's root package is a component of its own. A cycle means
 *       two components can only be understood, tested and changed together; the usual fix is to move a
 *       component's config record or a small interface beside the component, as {@code pipeline.DropCounter} is;</li>
 *   <li>inside {@code bridge.delivery}, the sinks plug into the core: the core package depends on no sink package,
 *       and no sink package on another;</li>
 *   <li>no Pi module uses a laptop/cluster-only module (simulator, devstack, trainer, score-service, fleet, demo,
 *       benchmarks): those are not in the .deb, so such a use would fail on the Pi at run time, not at build.</li>
 * </ul>
 */
class PackageStructureTest {
    /** The packages of the modules in the Pi package: bridge and its runtime dependencies. */
    static final String[] PI_PACKAGES = {
        "io.lpmsedge.protocol", "io.lpmsedge.cli", "io.lpmsedge.record", "io.lpmsedge.scorer", "io.lpmsedge.bridge"
    };

    static final String[] DEV_ONLY_PACKAGES = {
        "io.lpmsedge.simulator..",
        "io.lpmsedge.devstack..",
        "io.lpmsedge.trainer..",
        "io.lpmsedge.scoreservice..",
        "io.lpmsedge.fleet..",
        "io.lpmsedge.demo..",
        "io.lpmsedge.benchmarks.."
    };

    static final JavaClasses PI_CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(PI_PACKAGES);

    /** {@code io.lpmsedge.bridge.delivery.rest.X} → "bridge.delivery"; {@code io.lpmsedge.bridge.Bridge} → "bridge". */
    static final SliceAssignment COMPONENTS = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass c) {
            String[] parts = c.getPackageName().split("\\.");
            if (parts.length < 3 || !parts[0].equals("io") || !parts[1].equals("lpmsedge")) {
                return SliceIdentifier.ignore();
            }
            return SliceIdentifier.of(parts.length == 3 ? parts[2] : parts[2] + "." + parts[3]);
        }

        @Override
        public String getDescription() {
            return "components (a module's top-level packages with their sub-packages, and its root package)";
        }
    };

    @Test
    void theImportSeesEveryPiModule() {
        // Guards the two rules below against passing on an empty or partial import (e.g. a changed classpath).
        for (String p : PI_PACKAGES) {
            if (PI_CLASSES.stream().noneMatch(c -> c.getPackageName().startsWith(p))) {
                throw new AssertionError("no compiled class of " + p + " on the test classpath");
            }
        }
    }

    @Test
    void noPackageCycles() {
        slices().assignedFrom(COMPONENTS).should().beFreeOfCycles().check(PI_CLASSES);
    }

    /**
     * The delivery core ({@code Sender}, the retry policy, {@code DeliverySink}, {@code SinkKinds}) knows no sink
     * kind: each sink package depends on the core, never the reverse, and the kinds are wired in one place
     * ({@code BridgeSinks}). So a sink kind is added or removed without touching the core, as a Telegraf plugin
     * folder is.
     */
    @Test
    void theDeliveryCoreDoesNotDependOnItsSinks() {
        noClasses()
                .that()
                .resideInAPackage("io.lpmsedge.bridge.delivery")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.lpmsedge.bridge.delivery.*..")
                .because("the sinks plug into the core (docs/architecture.md#packages)")
                .check(PI_CLASSES);
    }

    /** One sink kind never uses another's classes: each can be read, changed or dropped on its own. */
    @Test
    void sinkPackagesDoNotDependOnEachOther() {
        slices().matching("io.lpmsedge.bridge.delivery.(*)..")
                .should()
                .notDependOnEachOther()
                .check(PI_CLASSES);
    }

    @Test
    void piModulesDoNotUseDevOnlyModules() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(DEV_ONLY_PACKAGES)
                .check(PI_CLASSES);
    }
}
