export default function MembersPage() {
  return <h1>members</h1>;
}
