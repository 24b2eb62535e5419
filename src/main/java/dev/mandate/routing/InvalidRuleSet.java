package dev.mandate.routing;

import dev.mandate.shared.Problem;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A rule set that cannot be saved: each error names its place in the rule set as a JSON pointer (e.g.
 * {@code /rules/2/conditions/all/0/op}) and says what is wrong there.
 */
public class InvalidRuleSet extends Problem {

    private final List<Error> errors;

    public InvalidRuleSet(List<Error> errors) {
        super(
                HttpStatus.BAD_REQUEST,
                "invalid-rule-set",
                "Invalid rule set",
                errors.size() == 1
                        ? "The rule set has an error at " + errors.get(0).where() + ": "
                                + errors.get(0).message()
                        : "The rule set has " + errors.size() + " errors; the first at "
                                + errors.get(0).where() + ": " + errors.get(0).message());
        this.errors = List.copyOf(errors);
        getBody()
                .setProperty(
                        "errors",
                        this.errors.stream()
                                .map(e -> Map.of("pointer", e.pointer(), "message", e.message()))
                                .toList());
    }

    public List<Error> errors() {
        return errors;
    }

    /**
     * One thing wrong with a rule set.
     *
     * @param pointer where, as an RFC 6901 JSON pointer into the rule set ({@code ""} for the whole of it)
     */
    public record Error(String pointer, String message) {

        /** The pointer as people read it: the whole rule set is {@code /}. */
        public String where() {
            return pointer.isEmpty() ? "/" : pointer;
        }
    }
}
