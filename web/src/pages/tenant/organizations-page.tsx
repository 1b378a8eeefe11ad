export default function OrganizationsPage() {
  return <h1>organizations</h1>;
}
