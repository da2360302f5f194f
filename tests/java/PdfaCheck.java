// PdfaCheck — runs Apache PDFBox Preflight (PDF/A-1b) over many files in
// one Java process (a JVM start costs ~1 s; 18 of them would dominate the
// test).  Compiled by tests/t_pdfa.sh into $BUILD; prints one line per
// file, "valid FILE" or "invalid FILE: code message; ...", and exits 1
// when any file is not valid.
import java.io.File;
import org.apache.pdfbox.preflight.PreflightDocument;
import org.apache.pdfbox.preflight.ValidationResult;
import org.apache.pdfbox.preflight.ValidationResult.ValidationError;
import org.apache.pdfbox.preflight.parser.PreflightParser;

public class PdfaCheck {
    public static void main(String[] args) {
        int bad = 0;
        for (String path : args) {
            StringBuilder why = new StringBuilder();
            boolean valid = false;
            try {
                PreflightParser parser = new PreflightParser(new File(path));
                parser.parse();
                try (PreflightDocument doc = parser.getPreflightDocument()) {
                    doc.validate();
                    ValidationResult result = doc.getResult();
                    valid = result.isValid();
                    for (ValidationError e : result.getErrorsList())
                        why.append(e.getErrorCode()).append(' ').append(e.getDetails()).append("; ");
                }
            } catch (Exception e) {
                why.append("exception ").append(e);
            }
            if (valid) {
                System.out.println("valid " + path);
            } else {
                bad++;
                System.out.println("invalid " + path + ": " + why);
            }
        }
        System.exit(bad == 0 ? 0 : 1);
    }
}
