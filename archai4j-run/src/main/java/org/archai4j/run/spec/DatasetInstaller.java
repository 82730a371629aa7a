package org.archai4j.run.spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.archai4j.djl.data.FashionMnist;
import org.archai4j.run.spec.SpecException;

/**
 * Makes sure Fashion-MNIST is there: when the Debian directory is named and empty, it installs Debian's
 * {@code dataset-fashion-mnist} where it can (as root, with apt-get), and otherwise stops with the one command that
 * installs it.
 */
final class DatasetInstaller {
    private static final String PACKAGE = "dataset-fashion-mnist";

    private DatasetInstaller() {
    }

    static void ensureFashionMnist(Path directory) {
        if (FashionMnist.isInstalled(directory)) {
            return;
        }
        if (!directory.equals(FashionMnist.DEBIAN_DIRECTORY)) {
            throw new SpecException("Fashion-MNIST is not in " + directory + "; expected its four IDX files "
                    + "(train-images-idx3-ubyte.gz, ...) there");
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root && Files.isExecutable(Path.of("/usr/bin/apt-get"))) {
            System.out.println("Fashion-MNIST is not installed: running apt-get install " + PACKAGE);
            if (run("apt-get", "install", "-y", "-q", PACKAGE) != 0) {
                run("apt-get", "update", "-q");
                run("apt-get", "install", "-y", "-q", PACKAGE);
            }
            if (FashionMnist.isInstalled(directory)) {
                return;
            }
        }
        throw new SpecException("Fashion-MNIST is not installed; install it with: sudo apt-get install " + PACKAGE);
    }

    private static int run(String... command) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
            pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
            return pb.start().waitFor();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
