//! Starts a chat with Amazon Connect through connect-chat's client: region and credentials
//! from the environment, the endpoint from the rule set, the hyper transport.

use connect_chat::client::Client;
use connect_chat::operation::StartChatContactError;
use connect_chat::types::{ParticipantDetails, StartChatContactRequest};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let token = runtime.block_on(start_chat("Ana"))?;
    println!("participant token: {token}");
    Ok(())
}

async fn start_chat(name: &str) -> Result<String, Box<dyn std::error::Error>> {
    let client = Client::builder().build()?;
    let input = StartChatContactRequest::builder()
        .instance_id("12345678-aaaa-bbbb-cccc-123456789012")
        .contact_flow_id("87654321-aaaa-bbbb-cccc-210987654321")
        .participant_details(ParticipantDetails::builder().display_name(name).build()?)
        .build()?;
    match client.start_chat_contact(input).await {
        Ok(response) => {
            println!("request id {:?}", response.metadata().request_id());
            Ok(response.participant_token.clone().unwrap_or_default())
        }
        Err(error) => {
            if let Some(StartChatContactError::LimitExceededException(e)) = error.service_error() {
                println!("quota hit: {e} (retryable: {})", error.is_retryable());
            }
            Err(error.into())
        }
    }
}
