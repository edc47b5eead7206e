// Section 1 of a county's work report (issue #11 part 1): the figures the
// platform computes from the campaign's records, with the definitions the
// indicators, cultivation, survey and applications modules use.
#pragma once

#include <boost/json.hpp>
#include <string>

#include "common/date.h"
#include "storage/database.h"

namespace meihao::service::reports {

// The county's figures for the campaign as of `today` (overdue tasks: not
// done and due before today). Read-only; call inside a transaction.
boost::json::object ComputeCountyFigures(storage::Connection& c, int year, const std::string& county, Date today);

}  // namespace meihao::service::reports
