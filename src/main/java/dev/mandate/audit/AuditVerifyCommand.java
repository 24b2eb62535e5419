package dev.mandate.audit;

import dev.mandate.shared.OperatorCommand;
import java.io.PrintStream;
import java.util.List;
import org.springframework.stereotype.Component;

/** {@code java -jar mandate.jar audit verify}: checks every chain and names the first broken link of each. */
@Component
class AuditVerifyCommand implements OperatorCommand {

    private final AuditTrail trail;

    AuditVerifyCommand(AuditTrail trail) {
        this.trail = trail;
    }

    @Override
    public String name() {
        return "audit verify";
    }

    @Override
    public String description() {
        return "checks the hash chain of every workspace's audit trail; exit status 1 if one is broken";
    }

    @Override
    public int run(String[] arguments, PrintStream out) {
        List<Verification> results = trail.verifyAll();
        long broken = 0;
        for (Verification result : results) {
            if (result.intact()) {
                out.printf(
                        "intact  workspace %s: %d entries, head %s%n",
                        result.workspaceId(), result.entries(), result.headHash());
            } else {
                broken++;
                out.printf(
                        "BROKEN  workspace %s: first broken link is entry %d: %s%n",
                        result.workspaceId(), result.brokenAt(), result.problem());
            }
        }
        out.printf("%d chain(s) checked, %d broken%n", results.size(), broken);
        return broken == 0 ? 0 : 1;
    }
}
