// Test helper for the rubric tests: a refined rubric, failing the calling test
// when the refinement is refused.
#pragma once

#include <gtest/gtest.h>

#include "domain/rubric/rubric.h"

namespace meihao::domain::rubric::testing {

inline Rubric Refined(const Refinement& r) {
  auto rubric = ApplyRefinement(r);
  EXPECT_TRUE(rubric.ok()) << (rubric.ok() ? "" : rubric.error().message_en);
  return rubric.ok() ? *rubric : ReferenceRubric();
}

}  // namespace meihao::domain::rubric::testing
