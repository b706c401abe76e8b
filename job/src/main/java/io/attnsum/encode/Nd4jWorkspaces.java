package io.attnsum.encode;

import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;

/** ND4J workspace settings shared by the batched ND4J code of the job. */
public final class Nd4jWorkspaces {
  /**
   * A thread's workspace reused batch after batch: sized on the first batch (plus 20%), and
   * reallocated larger at the next batch when one outgrew it, so the hot loop allocates no native
   * memory once the sizes have settled.
   */
  public static final WorkspaceConfiguration REUSED =
      WorkspaceConfiguration.builder()
          .policyAllocation(AllocationPolicy.OVERALLOCATE)
          .overallocationLimit(0.2)
          .policyLearning(LearningPolicy.FIRST_LOOP)
          .policySpill(SpillPolicy.REALLOCATE)
          .build();

  private Nd4jWorkspaces() {}
}
