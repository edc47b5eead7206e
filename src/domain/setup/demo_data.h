// Plausible fake estates for demonstrations, load tests and screenshots. The
// output depends only on (tree, count, seed): the PRNG is our own splitmix64
// and every draw is integer arithmetic, so every platform gives the same data.
#pragma once
#include <cstdint>
#include <vector>

#include "domain/registry/divisions.h"
#include "domain/registry/estate.h"

namespace meihao::domain::setup {

// `count` estates, sorted by code, each passing ValidateEstate against `tree`:
// codes "JM" + county code + 5-digit sequence; counties weighted by real size
// (蓬江、新会 largest), streets (街道) more often than towns; unique names;
// households 40…3000 skewed towards small; ~65% professional / 20% self /
// 15% none; about 40 property companies with valid credit codes; party
// organisation ~55%; demonstration ~5%. Empty when the tree has no towns.
std::vector<registry::Estate> GenerateDemoEstates(const registry::DivisionTree& tree, size_t count, uint64_t seed);

}  // namespace meihao::domain::setup
