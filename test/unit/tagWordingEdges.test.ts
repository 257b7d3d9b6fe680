// A tag is named in a message as YAML writes it: `!!str` is the shorthand of the resolved
// `tag:yaml.org,2002:str` (YAML 1.1/1.2 secondary tag handle), which the user never typed.
import { test } from 'node:test';
import { checkDiagnostics } from '../support/check';

const HEAD = 'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: p\nspec:\n  selectors:\n    namespaceSelector:\n      tier: "gold"\n';

test('a boolean field given !!str on names the tag as written, !!str', () => {
  checkDiagnostics(`${HEAD}  allowPostCopy: !!str on
#                      ^^ error boolean-string: spec.allowPostCopy must be a boolean, but "on" carries the tag !!str, so kubectl sends it as a string and the API server rejects it ("must be of type boolean"). Write true without the tag.
  allowAutoConverge: !<tag:yaml.org,2002:str> false
#                                             ^^^^^ error boolean-string: spec.allowAutoConverge must be a boolean, but "false" carries the tag !!str, so kubectl sends it as a string
`);
});
