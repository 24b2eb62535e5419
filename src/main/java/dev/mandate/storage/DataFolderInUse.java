package dev.mandate.storage;

import java.nio.file.Path;

/** Another running Mandate holds the data folder, so the embedded database cannot be started from it. */
class DataFolderInUse extends RuntimeException {

    private final Path folder;

    DataFolderInUse(Path folder) {
        super("The data folder " + folder + " is in use by another running Mandate.");
        this.folder = folder;
    }

    Path folder() {
        return folder;
    }
}
