package dev.mandate.inbox;

import dev.mandate.shared.Actor;
import dev.mandate.shared.OperatorCommand;
import dev.mandate.shared.WorkspaceId;
import dev.mandate.workspace.WorkspaceAccess;
import dev.mandate.workspace.WorkspaceService;
import java.io.PrintStream;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar mandate.jar inbox generate <workspace id | new> [conversations] [messages]}: fills a workspace
 * with a large synthetic inbox, for measuring (see docs/performance.md). Not for a workspace with real customers.
 */
@Component
class InboxGenerateCommand implements OperatorCommand {

    private final InboxGenerator generator;
    private final WorkspaceService workspaces;

    InboxGenerateCommand(InboxGenerator generator, WorkspaceService workspaces) {
        this.generator = generator;
        this.workspaces = workspaces;
    }

    @Override
    public String name() {
        return "inbox generate";
    }

    @Override
    public String description() {
        return "<workspace id | new> [conversations, default 1000000] [messages, default 5000000]: "
                + "adds a synthetic inbox for measuring";
    }

    @Override
    public int run(String[] arguments, PrintStream out) {
        if (arguments.length < 1 || arguments.length > 3) {
            out.println("Usage: inbox generate <workspace id | new> [conversations] [messages]");
            return 2;
        }
        int conversations;
        long messages;
        try {
            conversations = arguments.length > 1 ? Integer.parseInt(arguments[1].replace("_", "")) : 1_000_000;
            messages = arguments.length > 2 ? Long.parseLong(arguments[2].replace("_", "")) : 5_000_000L;
        } catch (NumberFormatException e) {
            out.println("Conversations and messages are whole numbers, e.g. 1000000 5000000.");
            return 2;
        }
        WorkspaceId workspace;
        if (arguments[0].equals("new")) {
            String tag = UUID.randomUUID().toString().substring(0, 8);
            workspace = workspaces
                    .create(
                            Actor.SYSTEM,
                            "Generated inbox " + tag,
                            "Europe/Berlin",
                            "generated-" + tag + "@mandate.invalid",
                            "Generated owner")
                    .workspace()
                    .id();
            out.println("New workspace " + workspace);
        } else {
            try {
                workspace = WorkspaceAccess.parse(arguments[0]);
            } catch (RuntimeException e) {
                workspace = null;
            }
            if (workspace == null || !workspaces.exists(workspace)) {
                out.println("No workspace " + arguments[0] + ": give the id of one, or new.");
                return 2;
            }
        }
        try {
            InboxGenerator.Generated done = generator.generate(workspace, conversations, messages, out);
            out.printf(
                    "Generated %,d conversations and %,d messages in workspace %s in %.0f s%n",
                    done.conversations(), done.messages(), workspace, done.seconds());
            return 0;
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            return 2;
        }
    }
}
