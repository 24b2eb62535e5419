package dev.mandate.vault;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a wrong or unreadable master key at start-up in two lines instead of a stack trace. */
class MasterKeyFailureAnalyzer extends AbstractFailureAnalyzer<MasterKeyProblem> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MasterKeyProblem cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
    }
}
