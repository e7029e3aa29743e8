package io.flexhub.probes;

/**
 * Why a definition file was rejected, located so that an operator can go straight to the line.
 *
 * @param file  file name (or classpath resource) of the definition
 * @param line  1-based line, 0 when unknown
 * @param field dotted path of the offending field ({@code stages[0].request.timeout}), empty for the document
 */
public record ProbeProblem(String file, int line, String field, String message) {

    @Override
    public String toString() {
        return file + ":" + line + ": " + (field == null || field.isEmpty() ? "" : field + ": ") + message;
    }
}
