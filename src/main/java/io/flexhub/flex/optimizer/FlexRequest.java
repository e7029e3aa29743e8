package io.flexhub.flex.optimizer;

import java.util.List;

/** The part of a UFTP FlexRequest the optimizer needs. ISPs listed in no entry keep their baseline. */
public record FlexRequest(Direction direction, List<RequestIsp> isps) {

    public FlexRequest {
        if (direction == null) {
            throw new IllegalArgumentException("direction is required");
        }
        isps = List.copyOf(isps);
    }
}
