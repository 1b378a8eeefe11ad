export default function MeetingsPage() {
  return <h1>meetings</h1>;
}
