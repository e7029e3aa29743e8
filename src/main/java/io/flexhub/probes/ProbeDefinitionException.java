package io.flexhub.probes;

import java.util.List;
import java.util.stream.Collectors;

/** A definition file that cannot be used, with every problem found in it. */
public class ProbeDefinitionException extends RuntimeException {

    private final transient List<ProbeProblem> problems;

    public ProbeDefinitionException(List<ProbeProblem> problems) {
        super(problems.stream().map(ProbeProblem::toString).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<ProbeProblem> problems() {
        return problems;
    }
}
