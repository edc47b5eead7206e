// The plain PDF of a list of 1,000 estates (issue 11 part 4): render time and size, against the budget of
// under 1 s and under 2 MB (docs/performance.md). Usage: bench_pdf_list [rows=1000] [runs=5]; exits 1 over budget.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "io/documents/estate_list.h"

using namespace meihao::io::documents;

int main(int argc, char** argv) {
  const int rows = argc > 1 ? std::atoi(argv[1]) : 1000;
  const int runs = argc > 2 ? std::atoi(argv[2]) : 5;
  EstateList l{"江门市2023年度“美好家园”小区名单", "名单状态：已确定。制表日期：2023年12月20日。", "县（市、区）", {}};
  for (int i = 0; i < rows; ++i) {
    char score[16];
    std::snprintf(score, sizeof score, "%.2f", 99.0 - i * 0.01);
    l.rows.push_back({"蓬江区",
                      i % 50 == 10 ? "江门市蓬江区环市街道党建引领红色物业示范美好家园幸福里花园小区翡翠湾御景苑二期"
                                   : "美好家园示范小区" + std::to_string(i + 1),
                      "红色管家物业服务有限公司", score});
  }
  std::vector<double> ms;
  size_t bytes = 0;
  for (int r = 0; r < runs; ++r) {
    const auto t0 = std::chrono::steady_clock::now();
    auto pdf = RenderOfficialPdf(EstateListDocument(l));
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    if (!pdf) {
      std::fprintf(stderr, "render failed\n");
      return 2;
    }
    bytes = pdf->size();
  }
  std::sort(ms.begin(), ms.end());
  std::printf("rows=%d runs=%d median=%.0f ms max=%.0f ms size=%zu bytes (%.2f MB)\n", rows, runs, ms[ms.size() / 2],
              ms.back(), bytes, bytes / 1048576.0);
  return ms[ms.size() / 2] < 1000 && bytes < 2 * 1048576 ? 0 : 1;
}
