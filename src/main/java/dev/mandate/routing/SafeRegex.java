package dev.mandate.routing;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Regular expressions that a rule may use: short, without backreferences or nested unbounded quantifiers (the shapes
 * that make backtracking run away), and matched with a budget of steps, so that one that still runs away fails the
 * rule instead of holding up the inbox.
 */
final class SafeRegex {

    static final int MAX_LENGTH = 200;

    private final Pattern pattern;
    private final String source;

    private SafeRegex(String source, Pattern pattern) {
        this.source = source;
        this.pattern = pattern;
    }

    /** The expression, or why a rule may not use it. */
    static SafeRegex of(String source) {
        Optional<String> problem = problem(source);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
        return new SafeRegex(source, Pattern.compile(source, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
    }

    /** Why a rule may not use the expression, or empty when it may. */
    static Optional<String> problem(String source) {
        if (source == null || source.isEmpty()) {
            return Optional.of("Write the regular expression.");
        }
        if (source.length() > MAX_LENGTH) {
            return Optional.of("A regular expression has at most " + MAX_LENGTH + " characters.");
        }
        try {
            Pattern.compile(source);
        } catch (PatternSyntaxException e) {
            return Optional.of("The regular expression does not compile: " + e.getDescription() + " near position "
                    + Math.max(e.getIndex(), 0) + ".");
        }
        return runaway(source);
    }

    /**
     * Finds backreferences and a group with an unbounded quantifier inside that is itself repeated ({@code (a+)+},
     * {@code (\w*x)*}): the classic catastrophic backtracking.
     */
    private static Optional<String> runaway(String source) {
        Deque<boolean[]> groups = new ArrayDeque<>();
        groups.push(new boolean[1]);
        boolean inClass = false;
        boolean closedRepeating = false; // the atom just before is a group with an unbounded quantifier inside
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == '\\') {
                char next = i + 1 < source.length() ? source.charAt(i + 1) : ' ';
                if (!inClass && ((next >= '1' && next <= '9') || next == 'k')) {
                    return Optional.of("Backreferences (\\" + next + ") are not allowed in rules.");
                }
                i++;
                closedRepeating = false;
                continue;
            }
            if (inClass) {
                inClass = c != ']';
                continue;
            }
            boolean unbounded = c == '*' || c == '+' || (c == '{' && unboundedBraces(source, i));
            if (unbounded) {
                if (closedRepeating) {
                    return Optional.of("Nested repetition such as (a+)+ can run away; write it without repeating a"
                            + " repeated group.");
                }
                groups.peek()[0] = true;
            }
            closedRepeating = false;
            switch (c) {
                case '[' -> inClass = true;
                case '(' -> groups.push(new boolean[1]);
                case ')' -> {
                    boolean repeats = groups.size() > 1 && groups.pop()[0];
                    if (repeats) {
                        groups.peek()[0] = true;
                    }
                    closedRepeating = repeats;
                }
                default -> {}
            }
        }
        return Optional.empty();
    }

    private static final Pattern BRACES = Pattern.compile("\\{(\\d{1,6})(,(\\d{0,6}))?}");

    /** {@code {2,}} repeats without end, {@code {2,500}} nearly so; {@code {2}} and {@code {1,3}} do not. */
    private static boolean unboundedBraces(String source, int at) {
        Matcher braces = BRACES.matcher(source).region(at, source.length());
        if (!braces.lookingAt() || braces.group(2) == null) {
            return false;
        }
        String max = braces.group(3);
        return max.isEmpty() || Integer.parseInt(max) > 10;
    }

    /** Whether the expression is found in the text, within {@code budget} steps; {@link RunawayRegex} if not. */
    boolean find(String text, long budget) {
        Matcher matcher = pattern.matcher(new Budgeted(text, new long[] {budget}, source));
        return matcher.find();
    }

    String source() {
        return source;
    }

    /** A regular expression used more steps than a rule may. */
    static final class RunawayRegex extends RuntimeException {

        RunawayRegex(String source) {
            super("The regular expression /" + source
                    + "/ needed more steps than allowed on a message and was stopped.");
        }
    }

    /** The text, counting every character the matcher reads. */
    private record Budgeted(String text, long[] left, String source) implements CharSequence {

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public char charAt(int index) {
            if (--left[0] < 0) {
                throw new RunawayRegex(source);
            }
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Budgeted(text.substring(start, end), left, source);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
