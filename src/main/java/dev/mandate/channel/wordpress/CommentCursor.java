package dev.mandate.channel.wordpress;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where fetching WordPress comments stands: for each of the two lists read ({@code all}, which is approved and
 * held comments, and {@code spam}), the highest comment id delivered and how many comments of that list, in id
 * order, have been read; and which list the next page comes from. Written as {@code 1;all=ID/COUNT;spam=ID/COUNT;next=all}.
 */
record CommentCursor(Position all, Position spam, Stream next) {

    private static final Pattern FORMAT =
            Pattern.compile("^1;all=(\\d{1,19})/(\\d{1,9});spam=(\\d{1,19})/(\\d{1,9});next=(all|spam)$");

    static final CommentCursor START = new CommentCursor(Position.START, Position.START, Stream.ALL);

    /** The comment lists read one after the other, by the {@code status} WordPress filters them with. */
    enum Stream {
        ALL("all"),
        SPAM("spam");

        final String status;

        Stream(String status) {
            this.status = status;
        }
    }

    /**
     * A place in one list.
     *
     * @param lastId the highest comment id delivered from it
     * @param read how many of its comments, in id order, have been read
     */
    record Position(long lastId, int read) {
        static final Position START = new Position(0, 0);

        Position {
            if (lastId < 0 || read < 0) {
                throw new IllegalArgumentException("A cursor position is not negative.");
            }
        }
    }

    /** The cursor written as {@link #toString()}; {@link #START} for {@code null}. */
    static CommentCursor parse(String text) {
        if (text == null || text.isBlank()) {
            return START;
        }
        Matcher m = FORMAT.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("Not a WordPress comment cursor.");
        }
        return new CommentCursor(
                new Position(Long.parseLong(m.group(1)), Integer.parseInt(m.group(2))),
                new Position(Long.parseLong(m.group(3)), Integer.parseInt(m.group(4))),
                m.group(5).equals("all") ? Stream.ALL : Stream.SPAM);
    }

    Position position() {
        return next == Stream.ALL ? all : spam;
    }

    /** This cursor with the current list moved to {@code position}, reading {@code then} next. */
    CommentCursor advance(Position position, Stream then) {
        return next == Stream.ALL ? new CommentCursor(position, spam, then) : new CommentCursor(all, position, then);
    }

    @Override
    public String toString() {
        return "1;all=" + all.lastId() + "/" + all.read() + ";spam=" + spam.lastId() + "/" + spam.read() + ";next="
                + next.status;
    }
}
