-- Drives Debian's Neovim (0.7) configured by nothing but the README's Neovim snippet (loaded before this
-- file as the init file): opens a policy, waits for the server's diagnostics and code lenses (the
-- "no cluster" lenses, since the test gives it no kubeconfig), runs the "Try the demo" lens, and writes
-- what it received as JSON.
local out_path = os.getenv('MP_OUT')
vim.cmd('edit ' .. vim.fn.fnameescape(os.getenv('MP_FILE')))
local bufnr = vim.api.nvim_get_current_buf()
local messages = {}
vim.lsp.handlers['window/showMessage'] = function(_, result) table.insert(messages, result.message) end
local attached = vim.wait(15000, function() return #vim.lsp.buf_get_clients(bufnr) > 0 end, 50)
vim.wait(15000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50)
local diagnostics = {}
for _, d in ipairs(vim.diagnostic.get(bufnr)) do
  local code = d.code
  if code == nil and d.user_data and d.user_data.lsp then code = d.user_data.lsp.code end
  table.insert(diagnostics, { lnum = d.lnum, col = d.col, code = code })
end
vim.lsp.codelens.refresh()
vim.wait(15000, function() return #vim.lsp.codelens.get(bufnr) > 0 end, 50)
local lenses = {}
for _, lens in ipairs(vim.lsp.codelens.get(bufnr)) do
  table.insert(lenses, { line = lens.range.start.line, title = lens.command and lens.command.title or vim.NIL })
end
-- Run the "Try the demo" lens as :lua vim.lsp.codelens.run() does on its line (without the prompt).
for _, lens in ipairs(vim.lsp.codelens.get(bufnr)) do
  if lens.command and lens.command.title == 'Try the demo' then
    vim.lsp.buf_request_sync(bufnr, 'workspace/executeCommand', { command = lens.command.command, arguments = lens.command.arguments }, 10000)
  end
end
vim.wait(5000, function() return #messages > 0 end, 50)
local f = io.open(out_path, 'w')
f:write(vim.fn.json_encode({ attached = attached, diagnostics = diagnostics, lenses = lenses, messages = messages }))
f:close()
vim.cmd('qa!')
