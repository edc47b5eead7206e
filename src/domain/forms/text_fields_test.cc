#include "domain/forms/text_fields.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace meihao::domain::forms {
namespace {

TEST(PhoneTest, NormalisedAndMasked) {
  struct Case {
    const char* in;
    const char* normalised;  // "" = refused
    const char* masked;
  };
  const std::vector<Case> cases = {
      {"13812345678", "13812345678", "138****5678"},
      {" 138 1234 5678 ", "13812345678", "138****5678"},
      {"138-1234-5678", "13812345678", "138****5678"},
      {"+8613912345678", "13912345678", "139****5678"},
      {"8619912345678", "19912345678", "199****5678"},
      {"0750-3201234", "0750-3201234", "0750-***1234"},   // Jiangmen, 7 digits
      {"075032012345", "0750-32012345", "0750-****2345"}, // 8 digits
      {"(0750)3201234", "0750-3201234", "0750-***1234"},
      {"020-87654321", "020-87654321", "020-****4321"},
      {"01087654321", "010-87654321", "010-****4321"},
      {"12812345678", "", ""},    // 12x is not a mobile prefix
      {"1381234567", "", ""},     // 10 digits
      {"138123456789", "", ""},   // 12 digits
      {"020-8765432", "", ""},    // 02X needs 8 digits
      {"010-12345678", "", ""},   // numbers start with 2–9
      {"0110-1234567", "", ""},   // 01X other than 010 is no area code
      {"0750-0201234", "", ""},
      {"0750-320123", "", ""},    // 6 digits
      {"0750-3201234-801", "", ""},  // extension
      {"3201234", "", ""},        // no area code
      {"１３８１２３４５６７８", "", ""},  // full-width digits
      {"138a2345678", "", ""},
  };
  for (const auto& c : cases) {
    const auto r = CheckPhone(c.in);
    if (*c.normalised == '\0') {
      ASSERT_FALSE(r.ok()) << c.in;
      EXPECT_EQ(r.error().code, "objection.phone.format") << c.in;
      EXPECT_EQ(r.error().field, "phone");
      continue;
    }
    ASSERT_TRUE(r.ok()) << c.in << ": " << r.error().message_en;
    EXPECT_EQ(*r, c.normalised) << c.in;
    EXPECT_EQ(MaskPhone(*r), c.masked) << c.in;
  }
  EXPECT_EQ(CheckPhone("  ").error().code, "objection.phone.required");
  EXPECT_EQ(MaskPhone("12"), "12");
  EXPECT_EQ(MaskPhone("电话"), "****");
}

}  // namespace
}  // namespace meihao::domain::forms
