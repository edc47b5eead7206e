// Serialisers shared by the handler files.
#pragma once

#include <boost/json.hpp>

#include "http/app.h"
#include "service/estates.h"
#include "service/users.h"

namespace meihao::http {

boost::json::object UserJson(const service::Context& ctx, const service::User& u);

}  // namespace meihao::http
