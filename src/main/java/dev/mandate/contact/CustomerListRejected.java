package dev.mandate.contact;

import dev.mandate.shared.Problem;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** A customer list with bad lines: none of it was imported, and every bad line is named with its reason. */
class CustomerListRejected extends Problem {

    private final List<CustomerList.BadLine> lines;

    CustomerListRejected(List<CustomerList.BadLine> lines) {
        super(
                HttpStatus.BAD_REQUEST,
                "customer-list-rejected",
                "Customer list rejected",
                lines.size() == 1
                        ? "Nothing was imported. Line " + lines.get(0).line() + ": "
                                + lines.get(0).message()
                        : "Nothing was imported: " + lines.size() + " lines have problems.");
        this.lines = List.copyOf(lines);
        getBody()
                .setProperty(
                        "errors",
                        this.lines.stream()
                                .map(l -> Map.of("line", (Object) l.line(), "message", l.message()))
                                .toList());
    }

    List<CustomerList.BadLine> lines() {
        return lines;
    }
}
