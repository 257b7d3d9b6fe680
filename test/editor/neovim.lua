-- Drives Debian's Neovim (0.7) as an LSP client of the built server: opens a file, waits for the
-- diagnostics, asks for a hover and a completion, and writes what it received as JSON.
local out_path = os.getenv('MP_OUT')
local file = os.getenv('MP_FILE')
vim.cmd('edit ' .. vim.fn.fnameescape(file))
local bufnr = vim.api.nvim_get_current_buf()
local client_id = vim.lsp.start_client({
  name = 'migrationpolicy',
  cmd = { os.getenv('MP_NODE'), os.getenv('MP_SERVER'), '--stdio' },
  root_dir = vim.fn.fnamemodify(file, ':h'),
  settings = { migrationpolicy = { cluster = { source = 'none' } } },
})
vim.lsp.buf_attach_client(bufnr, client_id)
vim.wait(15000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50)
local diagnostics = {}
for _, d in ipairs(vim.diagnostic.get(bufnr)) do
  local code = d.code
  if code == nil and d.user_data and d.user_data.lsp then code = d.user_data.lsp.code end
  table.insert(diagnostics, { lnum = d.lnum, col = d.col, end_col = d.end_col, severity = d.severity, code = code, message = d.message })
end
local uri = vim.uri_from_bufnr(bufnr)
local function request(method, line, character)
  local responses = vim.lsp.buf_request_sync(bufnr, method, { textDocument = { uri = uri }, position = { line = line, character = character } }, 10000)
  for _, response in pairs(responses or {}) do return response.result end
  return vim.NIL
end
local result = {
  diagnostics = diagnostics,
  hover = request('textDocument/hover', 8, 27),
  completion = request('textDocument/completion', 9, 17),
}
local f = io.open(out_path, 'w')
f:write(vim.fn.json_encode(result))
f:close()
vim.lsp.stop_client(client_id)
vim.cmd('qa!')
