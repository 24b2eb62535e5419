package dev.mandate.routing;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The report of the escalation interface over a period: hand-offs per week, how long the brand took to answer, the
 * share answered in time, which rules hand over most, and which briefing entries are used and which never.
 *
 * @param medianSecondsToAnswer from opening to the brand's answer or take-over; {@code null} without any
 * @param decided answered or taken over, or still open past the deadline: those that count for "in time"
 * @param shareInTime {@code inTime / decided}, or {@code null} when nothing counts yet
 */
public record InterfaceReport(
        Instant from,
        Instant to,
        List<Week> weeks,
        Long medianSecondsToAnswer,
        Long p90SecondsToAnswer,
        int decided,
        int inTime,
        Double shareInTime,
        List<RuleCount> rules,
        List<Use> briefingUsed,
        List<Use> briefingNeverUsed) {

    /** Hand-offs opened in the week starting {@code week} (Monday, in the workspace's time zone). */
    public record Week(LocalDate week, int opened, int answered, int takenOver, int returned, int inTime) {}

    /**
     * How many hand-offs a rule opened; {@code ruleId} is {@code null} for those people opened.
     *
     * @param label as the hand-off named who asked, e.g. {@code rule 'Purchase leads' v3}
     */
    public record RuleCount(String ruleId, String label, int handoffs) {}

    /** How often a briefing entry's answer was put into a reply. */
    public record Use(UUID entry, String question, int uses, boolean expired) {}

    /** The report as CSV, one line per figure: {@code metric,key,value}. */
    public String csv() {
        List<String> lines = new ArrayList<>();
        lines.add("metric,key,value");
        for (Week w : weeks) {
            lines.add(line("handoffs_opened", w.week().toString(), w.opened()));
            lines.add(line("handoffs_answered", w.week().toString(), w.answered()));
            lines.add(line("handoffs_taken_over", w.week().toString(), w.takenOver()));
            lines.add(line("handoffs_returned", w.week().toString(), w.returned()));
            lines.add(line("handoffs_in_time", w.week().toString(), w.inTime()));
        }
        lines.add(line("time_to_answer_median_seconds", "", medianSecondsToAnswer));
        lines.add(line("time_to_answer_p90_seconds", "", p90SecondsToAnswer));
        lines.add(line("decided", "", decided));
        lines.add(line("in_time", "", inTime));
        lines.add(line("share_in_time", "", shareInTime));
        for (RuleCount r : rules) {
            lines.add(line(
                    "handoffs_by_rule", r.ruleId() == null ? "(people)" : r.ruleId() + " " + r.label(), r.handoffs()));
        }
        for (Use u : briefingUsed) {
            lines.add(line("briefing_used", u.question(), u.uses()));
        }
        for (Use u : briefingNeverUsed) {
            lines.add(line("briefing_never_used", u.question(), 0));
        }
        return String.join("\r\n", lines) + "\r\n";
    }

    private static String line(String metric, String key, Object value) {
        return metric + "," + quote(key) + "," + (value == null ? "" : value);
    }

    /** RFC 4180 quoting; a leading formula character is neutralised, so a spreadsheet does not run it. */
    static String quote(String value) {
        String text = value == null ? "" : value;
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
