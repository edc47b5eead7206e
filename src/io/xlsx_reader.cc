// ReadXlsx (see table_reader.h): zip check, then orcus with our own factory,
// then the inline strings orcus 0.17 skips.
#include <new>

#include <orcus/orcus_xlsx.hpp>

#include "io/table_reader.h"
#include "io/xlsx_import.h"
#include "io/xlsx_inline.h"
#include "io/zip_check.h"

namespace meihao::io {

Result<Table> ReadXlsx(std::string_view bytes) {
  if (Status zip = internal::CheckXlsxZip(bytes); !zip) return zip.error();
  internal::XlsxImportFactory factory;
  try {
    orcus::orcus_xlsx reader(&factory);
    reader.read_stream(bytes);
    for (auto& cell : internal::ReadInlineStrings(bytes))
      factory.PutText(cell.row, cell.col, std::move(cell.text));
  } catch (const std::bad_alloc&) {
    throw;  // out of memory ends the operation, it is not the file's fault
  } catch (const std::exception& e) {
    return internal::InvalidXlsx(e.what());
  } catch (...) {
    return internal::InvalidXlsx("unknown error while parsing");
  }
  auto table = internal::BuildTable(factory.TakeRows());
  if (!table)
    return Error::Invalid("file.empty", "文件为空（第一个工作表没有内容）",
                          "The file is empty (the first worksheet has no content).");
  return std::move(*table);
}

}  // namespace meihao::io
