// The demo story's assessment rounds: the demo assessor's 2023年第二季度 and
// 第三季度 rounds over the first estates of every county's cultivation list,
// both submitted, and 蓬江区's answers to the first. Idempotent; nothing when
// the campaign has rounds already or there is no demo assessor.
#pragma once

#include "common/result.h"
#include "service/context.h"

namespace meihao::service::assessment {

Status SeedDemoAssessments(const Context& ctx, int year);

}  // namespace meihao::service::assessment
