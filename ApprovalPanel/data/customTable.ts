/** The name derivation is pure and lives in the domain, where the policy form's values use it too. */
export { prefixedColumns } from "../domain/customTable";
