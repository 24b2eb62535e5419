package dev.mandate.storage;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a locked data folder into a two-line explanation at start-up instead of a stack trace. */
class DataFolderInUseFailureAnalyzer extends AbstractFailureAnalyzer<DataFolderInUse> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DataFolderInUse cause) {
        return new FailureAnalysis(
                cause.getMessage(),
                "Stop the other Mandate first, or start this one with another folder "
                        + "(MANDATE_DATA_DIR=/some/other/folder) or a PostgreSQL server (MANDATE_DATABASE_URL).",
                cause);
    }
}
